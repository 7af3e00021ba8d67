package app.duizhao.study;

import app.duizhao.account.CurrentUser;
import app.duizhao.library.ArticleAccess;
import app.duizhao.sync.ChangeFeed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current user's vocabulary: words added from the reader with the definition and sentence they came with, each
 * marked learning or known. Every method works on the vocabulary of {@link CurrentUser} only: another person's entry
 * behaves as a missing one. The reader asks {@link #statuses()} on every render, so each person's statuses are kept
 * in memory and rebuilt after each change of theirs.
 */
@Service
public class VocabularyService {

    private static final String COLUMNS = "id, simplified, traditional, pinyin, definition, sentence, sentence_english, "
            + "article_id, status, added_at, updated_at";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ArticleAccess articles;
    // Per user id; an entry is dropped whenever that user's vocabulary changes, here or on another instance.
    private final Map<Long, Map<String, WordStatus>> statuses = new ConcurrentHashMap<>();
    private final ChangeFeed feed;
    /** The change feed's topic: the item is the owner whose vocabulary changed. */
    static final String TOPIC = "vocabulary";

    public VocabularyService(JdbcClient jdbc, CurrentUser currentUser, ArticleAccess articles, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.articles = articles;
        this.feed = feed;
        feed.subscribe(TOPIC, owners -> owners.forEach(statuses::remove));
    }

    /** Drops the owner's statuses here and, through the change feed, on the other instances. */
    private void changed(long owner) {
        feed.publish(TOPIC, owner);
        statuses.remove(owner);
    }

    /**
     * Adds a word as {@link WordStatus#LEARNING}, or, if it is already there, updates its pinyin, definition and
     * sentence and keeps its status.
     */
    @Transactional
    public VocabularyEntry add(NewVocabularyWord word) {
        if (word.simplified() == null || word.simplified().isBlank()) {
            throw new IllegalArgumentException("A vocabulary word needs its characters.");
        }
        String simplified = word.simplified().strip();
        long owner = currentUser.id();
        // A word remembers the article it came from only if that article is the user's own.
        Long articleId = word.articleId() != null && articles.exists(word.articleId()) ? word.articleId() : null;
        OffsetDateTime now = now();
        Optional<VocabularyEntry> existing = find(simplified);
        if (existing.isPresent()) {
            jdbc.sql("UPDATE vocabulary_entry SET traditional = ?, pinyin = ?, definition = ?, sentence = ?, "
                            + "sentence_english = ?, article_id = ?, updated_at = ? WHERE id = ? AND owner_id = ?")
                    .params(word.traditional(), cut(word.pinyin(), 400), cut(word.definition(), 2000),
                            cut(word.sentence(), 4000), cut(word.sentenceEnglish(), 8000), articleId, now,
                            existing.get().id(), owner)
                    .update();
        } else {
            jdbc.sql("INSERT INTO vocabulary_entry (simplified, traditional, pinyin, definition, sentence, "
                            + "sentence_english, article_id, status, added_at, updated_at, owner_id) "
                            + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                    .params(simplified, word.traditional(), cut(word.pinyin(), 400), cut(word.definition(), 2000),
                            cut(word.sentence(), 4000), cut(word.sentenceEnglish(), 8000), articleId,
                            WordStatus.LEARNING.name(), now, now, owner)
                    .update();
        }
        changed(owner);
        return find(simplified).orElseThrow();
    }

    /** The current user's entry for a word, by its simplified or traditional form. */
    public Optional<VocabularyEntry> find(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM vocabulary_entry WHERE owner_id = ? AND (simplified = ? OR "
                        + "traditional = ?) ORDER BY id")
                .params(currentUser.id(), word, word).query(VocabularyService::map).list().stream().findFirst();
    }

    /** The current user's entry with that id, or empty (also when it is someone else's). */
    public Optional<VocabularyEntry> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vocabulary_entry WHERE id = ? AND owner_id = ?")
                .params(id, currentUser.id()).query(VocabularyService::map).optional();
    }

    /**
     * The entries, newest first, whose characters, pinyin (with or without tone marks), definition or sentence
     * contain {@code filter} (ignoring case; blank for all), with the given status ({@code null} for both).
     */
    public List<VocabularyEntry> list(String filter, WordStatus status) {
        List<VocabularyEntry> all = jdbc.sql("SELECT " + COLUMNS + " FROM vocabulary_entry WHERE owner_id = ? "
                        + "ORDER BY added_at DESC, id DESC")
                .param(currentUser.id()).query(VocabularyService::map).list();
        String f = filter == null ? "" : fold(filter.strip());
        return all.stream()
                .filter(e -> status == null || e.status() == status)
                .filter(e -> f.isEmpty() || fold(e.simplified()).contains(f) || fold(e.traditional()).contains(f)
                        || fold(e.pinyin()).contains(f) || fold(e.pinyin()).replace(" ", "").contains(f)
                        || fold(e.definition()).contains(f) || fold(e.sentence()).contains(f))
                .toList();
    }

    /** Changes what the user can edit in an entry. */
    @Transactional
    public VocabularyEntry update(long id, String pinyin, String definition, String sentence, String sentenceEnglish,
                                  WordStatus status) {
        long owner = currentUser.id();
        int changed = jdbc.sql("UPDATE vocabulary_entry SET pinyin = ?, definition = ?, sentence = ?, sentence_english = ?, "
                        + "status = ?, updated_at = ? WHERE id = ? AND owner_id = ?")
                .params(cut(blankToNull(pinyin), 400), cut(blankToNull(definition), 2000), cut(blankToNull(sentence), 4000),
                        cut(blankToNull(sentenceEnglish), 8000), (status == null ? WordStatus.LEARNING : status).name(),
                        now(), id, owner)
                .update();
        if (changed == 0) {
            throw new IllegalArgumentException("There is no vocabulary entry " + id + ".");
        }
        changed(owner);
        return get(id).orElseThrow();
    }

    /** Marks a word of the current user's known or learning (someone else's entry is left alone). */
    @Transactional
    public void setStatus(long id, WordStatus status) {
        long owner = currentUser.id();
        jdbc.sql("UPDATE vocabulary_entry SET status = ?, updated_at = ? WHERE id = ? AND owner_id = ?")
                .params(status.name(), now(), id, owner).update();
        changed(owner);
    }

    /** Deletes an entry of the current user's; false when they have none with that id. */
    @Transactional
    public boolean delete(long id) {
        long owner = currentUser.id();
        boolean deleted = jdbc.sql("DELETE FROM vocabulary_entry WHERE id = ? AND owner_id = ?").params(id, owner)
                .update() > 0;
        changed(owner);
        return deleted;
    }

    /**
     * Every word of the current user's vocabulary (simplified and traditional forms) with its status; unmodifiable.
     */
    public Map<String, WordStatus> statuses() {
        long owner = currentUser.id();
        Map<String, WordStatus> current = statuses.get(owner);
        if (current == null) {
            Map<String, WordStatus> map = new HashMap<>();
            jdbc.sql("SELECT simplified, traditional, status FROM vocabulary_entry WHERE owner_id = ?").param(owner)
                    .query((rs, n) -> {
                        WordStatus s = WordStatus.valueOf(rs.getString(3));
                        map.put(rs.getString(1), s);
                        if (rs.getString(2) != null) {
                            map.putIfAbsent(rs.getString(2), s);
                        }
                        return null;
                    }).list();
            current = Map.copyOf(map);
            statuses.put(owner, current);
        }
        return current;
    }

    /** Drops the in-memory statuses (after the table was changed behind this service's back, e.g. by tests). */
    void forget() {
        statuses.clear();
    }

    private static VocabularyEntry map(ResultSet rs, int row) throws SQLException {
        long article = rs.getLong("article_id");
        Long articleId = rs.wasNull() ? null : article;
        return new VocabularyEntry(rs.getLong("id"), rs.getString("simplified"), rs.getString("traditional"),
                rs.getString("pinyin"), rs.getString("definition"), rs.getString("sentence"),
                rs.getString("sentence_english"), articleId,
                WordStatus.valueOf(rs.getString("status")), rs.getObject("added_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** Lower case without tone marks, so that "guanxi" finds "guānxì". */
    static String fold(String s) {
        if (s == null) {
            return "";
        }
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
