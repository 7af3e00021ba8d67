package app.duizhao.reader.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reader behaves ({@code duizhao.reader.*}).
 *
 * @param autoTranslate whether opening an article that has paragraphs without English starts its translation
 *                      (or the offline gloss) at once; {@code false}: it waits for Translate
 */
@ConfigurationProperties("duizhao.reader")
public record ReaderSettings(@DefaultValue("true") boolean autoTranslate) {
}
