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
 * marked learning or known, and what they know of every other word ({@link KnowledgeStatus}: "I know HSK 1-N",
 * "mark the rest known", imported lists). Every method works on the vocabulary of {@link CurrentUser} only: another person's entry
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
    private final Map<Long, Map<String, KnowledgeStatus>> knowledge = new ConcurrentHashMap<>();
    private final WordStatuses wordStatuses;
    private final ChangeFeed feed;
    /** The change feed's topic: the item is the owner whose vocabulary changed. */
    static final String TOPIC = "vocabulary";

    public VocabularyService(JdbcClient jdbc, CurrentUser currentUser, ArticleAccess articles, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.articles = articles;
        this.feed = feed;
        this.wordStatuses = new WordStatuses(jdbc);
        feed.subscribe(TOPIC, owners -> owners.forEach(this::drop));
    }

    /** Drops the owner's statuses here and, through the change feed, on the other instances. */
    private void changed(long owner) {
        feed.publish(TOPIC, owner);
        drop(owner);
    }

    private void drop(long owner) {
        statuses.remove(owner);
        knowledge.remove(owner);
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
            // Adding a word to the vocabulary means learning it, whatever was said of it before.
            KnowledgeStatus before = knowledge().getOrDefault(simplified, KnowledgeStatus.NEW);
            if (before == KnowledgeStatus.NEW || before.countsAsKnown()) {
                wordStatuses.set(owner, List.of(simplified), KnowledgeStatus.LEARNING_1, "vocabulary");
            }
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
        VocabularyEntry entry = get(id).orElseThrow();
        writeThrough(owner, entry.simplified(), entry.status());
        changed(owner);
        return entry;
    }

    /** Marks a word of the current user's known or learning (someone else's entry is left alone). */
    @Transactional
    public void setStatus(long id, WordStatus status) {
        long owner = currentUser.id();
        jdbc.sql("UPDATE vocabulary_entry SET status = ?, updated_at = ? WHERE id = ? AND owner_id = ?")
                .params(status.name(), now(), id, owner).update();
        get(id).ifPresent(entry -> writeThrough(owner, entry.simplified(), status));
        changed(owner);
    }

    /** Keeps the word's status (word_status) in step with its vocabulary entry's. */
    private void writeThrough(long owner, String word, WordStatus status) {
        KnowledgeStatus before = knowledge().getOrDefault(word, KnowledgeStatus.NEW);
        if (status == WordStatus.KNOWN && !before.countsAsKnown()) {
            wordStatuses.set(owner, List.of(word), KnowledgeStatus.KNOWN, "vocabulary");
        } else if (status == WordStatus.LEARNING && (before == KnowledgeStatus.NEW || before.countsAsKnown())) {
            wordStatuses.set(owner, List.of(word), KnowledgeStatus.LEARNING_1, "vocabulary");
        }
    }

    /**
     * What the current user knows of each word they ever marked, by simplified and traditional form: their
     * vocabulary entries (learning 1 or known) overridden by the statuses they set ({@code word_status}); a word
     * missing from the map is new. Unmodifiable, kept in memory per person.
     */
    public Map<String, KnowledgeStatus> knowledge() {
        long owner = currentUser.id();
        Map<String, KnowledgeStatus> current = knowledge.get(owner);
        if (current == null) {
            Map<String, KnowledgeStatus> map = new HashMap<>();
            Map<String, String> traditionalOf = new HashMap<>();
            jdbc.sql("SELECT simplified, traditional, status FROM vocabulary_entry WHERE owner_id = ?").param(owner)
                    .query((rs, n) -> {
                        KnowledgeStatus s = WordStatus.KNOWN.name().equals(rs.getString(3))
                                ? KnowledgeStatus.KNOWN : KnowledgeStatus.LEARNING_1;
                        map.put(rs.getString(1), s);
                        if (rs.getString(2) != null && !rs.getString(2).equals(rs.getString(1))) {
                            traditionalOf.put(rs.getString(1), rs.getString(2));
                        }
                        return null;
                    }).list();
            map.putAll(wordStatuses.all(owner));
            traditionalOf.forEach((simplified, traditional) -> map.putIfAbsent(traditional, map.get(simplified)));
            current = Map.copyOf(map);
            knowledge.put(owner, current);
        }
        return current;
    }

    /** The current user's status of one word: {@link KnowledgeStatus#NEW} when they never marked it. */
    public KnowledgeStatus knowledgeOf(String word) {
        return word == null ? KnowledgeStatus.NEW : knowledge().getOrDefault(word, KnowledgeStatus.NEW);
    }

    /**
     * Sets the current user's status of each word ({@code source} says what set it: hsk, article, import, manual) and
     * keeps their vocabulary entries of those words in step (known, or learning). Returns how many words were set.
     */
    @Transactional
    public int setKnowledge(java.util.Collection<String> words, KnowledgeStatus status, String source) {
        long owner = currentUser.id();
        java.util.Set<String> clean = new java.util.LinkedHashSet<>();
        for (String w : words) {
            if (w != null && !w.isBlank() && w.strip().length() <= 100) {
                clean.add(w.strip());
            }
        }
        int set = wordStatuses.set(owner, clean, status, source);
        if (status != KnowledgeStatus.NEW && !clean.isEmpty()) {
            for (List<String> chunk : chunks(List.copyOf(clean), 500)) {
                jdbc.sql("UPDATE vocabulary_entry SET status = ?, updated_at = ? WHERE owner_id = ? AND simplified IN ("
                                + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                        .params(concat(status.wordStatus().name(), now(), owner, chunk)).update();
            }
        }
        changed(owner);
        return set;
    }

    private static List<List<String>> chunks(List<String> all, int size) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private static Object[] concat(Object a, Object b, Object c, List<String> rest) {
        Object[] out = new Object[3 + rest.size()];
        out[0] = a;
        out[1] = b;
        out[2] = c;
        for (int i = 0; i < rest.size(); i++) {
            out[3 + i] = rest.get(i);
        }
        return out;
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
            knowledge().forEach((word, status) -> map.put(word, status.wordStatus()));
            current = Map.copyOf(map);
            statuses.put(owner, current);
        }
        return current;
    }

    /** Drops the in-memory statuses (after the table was changed behind this service's back, e.g. by tests). */
    void forget() {
        statuses.clear();
        knowledge.clear();
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
