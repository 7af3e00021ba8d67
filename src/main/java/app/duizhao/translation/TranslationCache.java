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
 * (text hash, target language, provider, model, prompt version, glossary version). The cache is shared by everyone
 * (identical text, model and glossary terms give the same translation, so reuse reveals nothing a person could not
 * produce themselves), but who may <em>list</em> a cached translation is recorded per person in
 * {@code translation_cache_use}: only those delivered into blocks of their own articles ({@link #recordUse}).
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
     * Stores (or replaces) the translation of a key and records that it went into a block of {@code ownerId}'s.
     * UPDATE, then INSERT when there was no row: plain SQL that H2 and PostgreSQL both run (H2's
     * {@code MERGE ... KEY} is not PostgreSQL). Two jobs racing on the same new key: the loser updates.
     */
    void put(Key key, String translation, long ownerId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (update(key, translation, now) == 0) {
            try {
                jdbc.sql("""
                                insert into translation_cache (text_hash, target_language, provider, model,
                                    prompt_version, glossary_version, translation, created_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(key.textHash(), key.targetLanguage(), key.provider(), key.model(),
                                key.promptVersion(), key.glossaryVersion(), translation, now)
                        .update();
            } catch (DuplicateKeyException raced) {
                update(key, translation, now);
            }
        }
        recordUse(key, ownerId);
    }

    private int update(Key key, String translation, OffsetDateTime now) {
        return jdbc.sql("""
                        update translation_cache set translation = ?, created_at = ? where text_hash = ?
                        and target_language = ? and provider = ? and model = ? and prompt_version = ?
                        and glossary_version = ?""")
                .params(translation, now, key.textHash(), key.targetLanguage(), key.provider(), key.model(),
                        key.promptVersion(), key.glossaryVersion())
                .update();
    }

    /** Records that the cached translation of {@code key} went into a block of {@code ownerId}'s (idempotent). */
    void recordUse(Key key, long ownerId) {
        String insert = """
                insert into translation_cache_use (cache_id, owner_id)
                select c.id, ? from translation_cache c
                where c.text_hash = ? and c.target_language = ? and c.provider = ? and c.model = ?
                and c.prompt_version = ? and c.glossary_version = ?
                and not exists (select 1 from translation_cache_use u where u.cache_id = c.id and u.owner_id = ?)""";
        try {
            jdbc.sql(insert).params(ownerId, key.textHash(), key.targetLanguage(), key.provider(), key.model(),
                    key.promptVersion(), key.glossaryVersion(), ownerId).update();
        } catch (DuplicateKeyException raced) {
            // Another job of the same person recorded it at the same moment: recorded either way.
        }
    }

    /**
     * Every stored translation of a text into a language that went into a block of {@code ownerId}'s articles,
     * newest first.
     */
    @Transactional(readOnly = true)
    List<StoredTranslation> all(String text, String targetLanguage, long ownerId) {
        return jdbc.sql("""
                        select c.provider, c.model, c.prompt_version, c.translation, c.created_at
                        from translation_cache c join translation_cache_use u on u.cache_id = c.id and u.owner_id = ?
                        where c.text_hash = ? and c.target_language = ? order by c.created_at desc, c.id desc""")
                .params(ownerId, hash(text), targetLanguage)
                .query((rs, n) -> new StoredTranslation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }
}
