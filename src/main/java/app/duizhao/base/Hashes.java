package app.duizhao.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one hashing helper: SHA-256 as 64 lowercase hex digits (content hashes, cache keys, API token hashes). */
public final class Hashes {

    private Hashes() {
    }

    /** The SHA-256 of {@code text} in UTF-8 ({@code null} hashes as the empty text). */
    public static String sha256Hex(String text) {
        return sha256Hex((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
