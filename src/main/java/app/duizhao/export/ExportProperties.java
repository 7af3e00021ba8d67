package app.duizhao.export;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Export settings.
 *
 * @param cjkFont a TrueType font (.ttf) with Chinese glyphs to embed in PDFs; when unset, common system fonts are
 *                looked for (Debian's fonts-droid-fallback first)
 */
@ConfigurationProperties("duizhao.export")
public record ExportProperties(String cjkFont) {
}
