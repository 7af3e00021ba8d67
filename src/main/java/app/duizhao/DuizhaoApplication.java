package app.duizhao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Duizhao (对照, "side by side"): read Chinese news beside an English translation, study it, annotate it and
 * export it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DuizhaoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DuizhaoApplication.class, args);
    }
}
