package app.duizhao.study.ui;

import app.duizhao.base.ui.HeaderPart;
import app.duizhao.study.StudyService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the light/dark {@link ThemeToggle} in the header of every page. */
@Configuration(proxyBeanMethods = false)
class ThemeTogglePart {

    @Bean
    HeaderPart themeToggle(StudyService study) {
        return HeaderPart.of(10, () -> new ThemeToggle(study));
    }
}
