package app.duizhao.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Import settings ({@code duizhao.import.*}).
 *
 * @param maxBytes    the largest file (or paste) accepted, in bytes ({@code duizhao.import.max-bytes})
 * @param url         limits of URL import ({@code duizhao.import.url.*})
 * @param archive     limits of {@code .zip} import ({@code duizhao.import.archive.*})
 * @param folderRoots server-side folders bulk import may read, and everything below them
 *                    ({@code duizhao.import.folder-roots}, comma-separated); empty means no folder import
 */
@ConfigurationProperties("duizhao.import")
public record ImportProperties(Long maxBytes, Url url, Archive archive, List<String> folderRoots) {

    public ImportProperties {
        maxBytes = maxBytes == null || maxBytes <= 0 ? 2_000_000L : maxBytes;
        url = url == null ? new Url(null, null, null) : url;
        url = new Url(url.maxBytes() == null || url.maxBytes() <= 0 ? maxBytes : url.maxBytes(), url.timeout(),
                url.maxRedirects());
        archive = archive == null ? new Archive(null, null, null) : archive;
        folderRoots = folderRoots == null ? List.of() : folderRoots.stream().filter(r -> r != null && !r.isBlank())
                .map(String::strip).toList();
    }

    /** Settings with every default, for tests and tools. */
    public static ImportProperties defaults() {
        return new ImportProperties(null, null, null, null);
    }

    /**
     * URL import limits.
     *
     * @param maxBytes     the largest page fetched; the fetch stops reading there (default: {@code max-bytes})
     * @param timeout      the time limit for the whole fetch, redirects included (default 15 s)
     * @param maxRedirects how many redirects are followed (default 5)
     */
    public record Url(Long maxBytes, Duration timeout, Integer maxRedirects) {

        public Url {
            timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(15) : timeout;
            maxRedirects = maxRedirects == null || maxRedirects < 0 ? 5 : maxRedirects;
        }
    }

    /**
     * Archive limits, against zip bombs.
     *
     * @param maxEntries    the most entries read from one archive (default 20,000)
     * @param maxTotalBytes the most uncompressed bytes read from one archive (default 1 GB)
     * @param maxRatio      the highest uncompressed-to-compressed ratio of an entry (default 200)
     */
    public record Archive(Integer maxEntries, Long maxTotalBytes, Integer maxRatio) {

        public Archive {
            maxEntries = maxEntries == null || maxEntries <= 0 ? 20_000 : maxEntries;
            maxTotalBytes = maxTotalBytes == null || maxTotalBytes <= 0 ? 1_000_000_000L : maxTotalBytes;
            maxRatio = maxRatio == null || maxRatio <= 0 ? 200 : maxRatio;
        }
    }
}
