package app.duizhao.export;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Export settings.
 *
 * @param cjkFont     a TrueType font (.ttf) with Chinese glyphs to embed in PDFs; it wins over every other font
 * @param systemFonts whether, with no font configured, common system fonts (Debian's fonts-droid-fallback first)
 *                    are used before the Noto Sans SC that ships with Duizhao; {@code null} means yes
 */
@ConfigurationProperties("duizhao.export")
public record ExportProperties(String cjkFont, Boolean systemFonts) {

    /** Whether system fonts are looked for (the default). */
    public boolean lookForSystemFonts() {
        return systemFonts == null || systemFonts;
    }
}
