package app.duizhao.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Import settings ({@code duizhao.import.*}).
 *
 * @param maxBytes the largest file (or paste) accepted, in bytes
 */
@ConfigurationProperties("duizhao.import")
public record ImportProperties(Long maxBytes) {

    public ImportProperties {
        maxBytes = maxBytes == null || maxBytes <= 0 ? 2_000_000L : maxBytes;
    }
}
