package app.duizhao.translation;

import org.springframework.dao.DuplicateKeyException;
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

    /**
     * Stores (or replaces) the translation under its key. Plain SQL that H2 and PostgreSQL both run (H2's
     * {@code MERGE ... KEY} failed every LLM translation on PostgreSQL), each statement on its own: when another
     * thread stores the same key at the same moment, the insert loses and updates instead. Called outside
     * transactions (a failed insert would spoil a surrounding PostgreSQL transaction).
     */
    void put(Key key, String translation) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (update(key, translation, now) > 0) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into translation_cache (text_hash, target_language, provider, model, prompt_version,
                                glossary_version, translation, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(key.textHash(), key.targetLanguage(), key.provider(), key.model(), key.promptVersion(),
                            key.glossaryVersion(), translation, now)
                    .update();
        } catch (DuplicateKeyException raced) {
            update(key, translation, now);
        }
    }

    private int update(Key key, String translation, OffsetDateTime now) {
        return jdbc.sql("""
                        update translation_cache set translation = ?, created_at = ?
                        where text_hash = ? and target_language = ? and provider = ? and model = ?
                        and prompt_version = ? and glossary_version = ?""")
                .params(translation, now, key.textHash(), key.targetLanguage(), key.provider(), key.model(),
                        key.promptVersion(), key.glossaryVersion())
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
