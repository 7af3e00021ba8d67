package app.duizhao.translation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Block translations keyed by what determines them, so reopening or re-importing an article costs no call:
 * (text hash, target language, provider, model, prompt version, glossary version).
 */
@Component
class TranslationCache {

    /**
     * A cache key.
     *
     * @param glossaryVersion a hash of the glossary terms that applied to the block, {@code "-"} when none
     */
    record Key(String textHash, String targetLanguage, String provider, String model, String promptVersion,
               String glossaryVersion) {
    }

    private final JdbcClient jdbc;

    TranslationCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String hash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((text == null ? "" : text.strip()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(readOnly = true)
    Optional<String> find(Key key) {
        return jdbc.sql("""
                        select translation from translation_cache where text_hash = ? and target_language = ?
                        and provider = ? and model = ? and prompt_version = ? and glossary_version = ?""")
                .params(key.textHash(), key.targetLanguage(), key.provider(), key.model(), key.promptVersion(),
                        key.glossaryVersion())
                .query(String.class).optional();
    }

    @Transactional
    void put(Key key, String translation) {
        jdbc.sql("""
                        merge into translation_cache (text_hash, target_language, provider, model, prompt_version,
                            glossary_version, translation, created_at)
                        key (text_hash, target_language, provider, model, prompt_version, glossary_version)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.textHash(), key.targetLanguage(), key.provider(), key.model(), key.promptVersion(),
                        key.glossaryVersion(), translation, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    /** Every stored translation of a text into a language, newest first. */
    @Transactional(readOnly = true)
    List<StoredTranslation> all(String text, String targetLanguage) {
        return jdbc.sql("""
                        select provider, model, prompt_version, translation, created_at from translation_cache
                        where text_hash = ? and target_language = ? order by created_at desc, id desc""")
                .params(hash(text), targetLanguage)
                .query((rs, n) -> new StoredTranslation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }
}
