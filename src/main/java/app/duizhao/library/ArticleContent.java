package app.duizhao.library;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one content hash of an article, whoever stores it (an import, the JSON import): SHA-256 over each block's
 * kind and text in order. Two imports of the same post have the same hash, which is how a duplicate is found.
 */
public final class ArticleContent {

    private ArticleContent() {
    }

    /** The content hash of these blocks, as 64 hex digits. */
    public static String hash(List<NewArticle.Block> blocks) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (NewArticle.Block block : blocks) {
                digest.update(block.kind().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(block.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
