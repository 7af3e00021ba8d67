package app.duizhao.translation;

import app.duizhao.library.TextHash;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Block translations keyed by what determines them, so reopening or re-importing an article costs no call:
 * (text hash, target language, provider, model, prompt version, glossary version). The cache is shared by everyone
 * (identical text, model and glossary terms give the same translation, so reuse reveals nothing a person could not
 * produce themselves), but what a person may <em>list</em> is their own copy of each translation delivered into
 * blocks of their articles ({@link #recordDelivery}, table {@code delivered_translation}), never the shared rows.
 */
@Component
class TranslationCache {

    /**
     * A cache key.
     *
     * @param glossaryVersion a hash of the glossary terms the prompt carried (the article's), {@code "-"} when none
     */
    record Key(String textHash, String targetLanguage, String provider, String model, String promptVersion,
               String glossaryVersion) {
    }

    private final JdbcClient jdbc;

    TranslationCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String hash(String text) {
        return TextHash.of(text);
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
     * Stores (or replaces) the translation of a key. UPDATE, then INSERT when there was no row: plain SQL that H2
     * and PostgreSQL both run (H2's {@code MERGE ... KEY} is not PostgreSQL). Two jobs racing on the same new key:
     * the loser updates.
     */
    void put(Key key, String translation) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String update = """
                update translation_cache set translation = ?, created_at = ? where text_hash = ?
                and target_language = ? and provider = ? and model = ? and prompt_version = ? and glossary_version = ?""";
        String insert = """
                insert into translation_cache (translation, created_at, text_hash, target_language, provider, model,
                    prompt_version, glossary_version) values (?, ?, ?, ?, ?, ?, ?, ?)""";
        upsert(update, insert, translation, now, key.textHash(), key.targetLanguage(), key.provider(), key.model(),
                key.promptVersion(), key.glossaryVersion());
    }

    /**
     * Records that {@code translation} (of {@code key}, fresh or from the cache) went into a block of one of
     * {@code ownerId}'s articles: their own copy, the only thing {@link #delivered} lists for them.
     */
    void recordDelivery(Key key, String translation, long ownerId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String update = """
                update delivered_translation set translation = ?, delivered_at = ? where owner_id = ?
                and text_hash = ? and target_language = ? and provider = ? and model = ? and prompt_version = ?
                and glossary_version = ?""";
        String insert = """
                insert into delivered_translation (translation, delivered_at, owner_id, text_hash, target_language,
                    provider, model, prompt_version, glossary_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        upsert(update, insert, translation, now, ownerId, key.textHash(), key.targetLanguage(), key.provider(),
                key.model(), key.promptVersion(), key.glossaryVersion());
    }

    /** Runs {@code update}, then {@code insert} with the same parameters when no row was there. No transaction. */
    private void upsert(String update, String insert, Object... params) {
        if (jdbc.sql(update).params(params).update() == 0) {
            try {
                jdbc.sql(insert).params(params).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql(update).params(params).update();
            }
        }
    }

    /**
     * The translations of a text into a language delivered to {@code ownerId}'s articles, newest first (with the
     * time they were delivered to that person).
     */
    @Transactional(readOnly = true)
    List<StoredTranslation> delivered(String text, String targetLanguage, long ownerId) {
        return jdbc.sql("""
                        select provider, model, prompt_version, translation, delivered_at from delivered_translation
                        where owner_id = ? and text_hash = ? and target_language = ?
                        order by delivered_at desc, id desc""")
                .params(ownerId, hash(text), targetLanguage)
                .query((rs, n) -> new StoredTranslation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }
}
