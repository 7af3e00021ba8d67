package app.duizhao.review;

import app.duizhao.account.CurrentUser;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import app.duizhao.chinese.DictionaryEntry;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current user's spaced-repetition review (issue 16): one FSRS card per word they are learning, created when the
 * review is asked for (due at once), graded Again / Hard / Good / Easy and scheduled by {@link Fsrs}. A word marked
 * known leaves the review (its card stays, for when it is learned again). Every call is the current user's only.
 */
@Service
public class ReviewService implements app.duizhao.study.DueWords {

    /** Cards under review: words being learned, and highlights. */
    private static final String UNDER_REVIEW = " FROM review_card c LEFT JOIN vocabulary_entry v ON v.id = c.vocabulary_id "
            + "WHERE c.owner_id = ? AND c.due <= ? AND (v.status = ? OR c.highlight_id IS NOT NULL)";

    private static final String COLUMNS = "id, vocabulary_id, highlight_id, state, step, stability, difficulty, due, "
            + "last_review, reps, lapses";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final VocabularyService vocabulary;
    private final StudyService study;
    private final LibraryService library;
    private final Fsrs fsrs = new Fsrs(true);

    public ReviewService(JdbcClient jdbc, CurrentUser currentUser, VocabularyService vocabulary, StudyService study,
                         LibraryService library) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.vocabulary = vocabulary;
        this.study = study;
        this.library = library;
    }

    /** A stored card: its FSRS state and what it is about. */
    record StoredCard(long id, Long vocabularyId, Long highlightId, FsrsCard card, int reps, int lapses) {
    }

    /** How many cards are due now (words being learned only). */
    @Transactional
    public int dueCount() {
        ensureCards();
        return jdbc.sql("SELECT COUNT(*)" + UNDER_REVIEW)
                .params(currentUser.id(), now(), WordStatus.LEARNING.name()).query(Integer.class).single();
    }

    /** The cards due now, the longest due first, at most {@code limit}. */
    @Transactional
    public List<ReviewCard> due(int limit) {
        ensureCards();
        List<StoredCard> stored = jdbc.sql("SELECT " + prefixed() + UNDER_REVIEW + " ORDER BY c.due, c.id")
                .params(currentUser.id(), now(), WordStatus.LEARNING.name())
                .query(ReviewService::map).list();
        Map<Long, Optional<ArticleSnapshot>> articles = new HashMap<>();
        List<ReviewCard> out = new ArrayList<>();
        for (StoredCard card : stored.subList(0, Math.min(stored.size(), Math.max(0, limit)))) {
            show(card, articles).ifPresent(out::add);
        }
        return out;
    }

    @Override
    @Transactional
    public Set<Long> dueVocabularyIds() {
        ensureCards();
        return Set.copyOf(jdbc.sql("SELECT c.vocabulary_id" + UNDER_REVIEW + " AND c.vocabulary_id IS NOT NULL")
                .params(currentUser.id(), now(), WordStatus.LEARNING.name()).query(Long.class).list());
    }

    /** The current user's card with that id as shown, or empty. */
    public Optional<ReviewCard> card(long id) {
        return stored(id).flatMap(card -> show(card, new HashMap<>()));
    }

    /** Grades a card of the current user's at {@code now}; empty when they have no such card. */
    @Transactional
    public Optional<ReviewCard> grade(long cardId, Rating rating) {
        return grade(cardId, rating, now());
    }

    Optional<ReviewCard> grade(long cardId, Rating rating, OffsetDateTime at) {
        Optional<StoredCard> stored = stored(cardId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredCard card = stored.get();
        FsrsCard next = fsrs.review(card.card(), rating, at);
        boolean lapse = rating == Rating.AGAIN && card.card().state() == CardState.REVIEW;
        jdbc.sql("UPDATE review_card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, "
                        + "reps = reps + 1, lapses = lapses + ? WHERE id = ? AND owner_id = ?")
                .params(next.state().name(), next.step(), next.stability(), next.difficulty(), next.due(),
                        next.lastReview(), lapse ? 1 : 0, cardId, currentUser.id())
                .update();
        jdbc.sql("INSERT INTO review_log (card_id, rating, reviewed_at) VALUES (?, ?, ?)")
                .params(cardId, rating.value(), at).update();
        return card(cardId);
    }

    private Optional<StoredCard> stored(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM review_card WHERE id = ? AND owner_id = ?")
                .params(id, currentUser.id()).query(ReviewService::map).optional();
    }

    /** Gives every word the user is learning a card (due at once) if it has none. */
    private void ensureCards() {
        long owner = currentUser.id();
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO review_card (owner_id, vocabulary_id, state, step, due, reps, lapses) "
                        + "SELECT v.owner_id, v.id, ?, 0, ?, 0, 0 FROM vocabulary_entry v WHERE v.owner_id = ? "
                        + "AND v.status = ? AND NOT EXISTS (SELECT 1 FROM review_card c WHERE c.vocabulary_id = v.id)")
                .params(CardState.LEARNING.name(), now, owner, WordStatus.LEARNING.name()).update();
        // Highlights too (Readwise's Daily Review). Reads the annotation feature's highlight table to find them;
        // it changes nothing there.
        jdbc.sql("INSERT INTO review_card (owner_id, highlight_id, state, step, due, reps, lapses) "
                        + "SELECT a.owner_id, h.id, ?, 0, ?, 0, 0 FROM highlight h JOIN article a ON a.id = h.article_id "
                        + "WHERE a.owner_id = ? AND NOT EXISTS (SELECT 1 FROM review_card c WHERE c.highlight_id = h.id)")
                .params(CardState.LEARNING.name(), now, owner).update();
    }

    private Optional<ReviewCard> show(StoredCard card, Map<Long, Optional<ArticleSnapshot>> articles) {
        if (card.vocabularyId() != null) {
            return vocabulary.get(card.vocabularyId()).map(entry -> show(card, entry, articles));
        }
        if (card.highlightId() == null) {
            return Optional.empty();
        }
        // A highlight refers to its paragraph by id (V12_1); the link back to the article needs its position now.
        return jdbc.sql("SELECT h.article_id, b.position, h.side, h.exact, h.prefix, h.suffix, h.note_markdown "
                        + "FROM highlight h JOIN article a ON a.id = h.article_id "
                        + "JOIN article_block b ON b.id = h.block_id WHERE h.id = ? AND a.owner_id = ?")
                .params(card.highlightId(), currentUser.id())
                .query((rs, n) -> {
                    long articleId = rs.getLong(1);
                    int position = rs.getInt(2);
                    boolean chinese = "zh".equals(rs.getString(3));
                    String exact = rs.getString(4);
                    String context = (rs.getString(5) == null ? "" : rs.getString(5)) + exact
                            + (rs.getString(6) == null ? "" : rs.getString(6));
                    String note = rs.getString(7) == null ? "" : rs.getString(7).strip();
                    return new Object[]{articleId, position, chinese, exact, context, note};
                }).optional().map(row -> {
                    long articleId = (Long) row[0];
                    int position = (Integer) row[1];
                    Optional<ArticleSnapshot> article = articles.computeIfAbsent(articleId, library::snapshot);
                    String english = article.flatMap(a -> a.blocks().stream().filter(b -> b.position() == position)
                            .findFirst()).map(ArticleSnapshot.SnapshotBlock::english).orElse("");
                    String back = String.join("\n\n", java.util.stream.Stream.of((Boolean) row[2] ? english : "",
                            (String) row[5]).filter(t -> t != null && !t.isBlank()).toList());
                    return new ReviewCard(card.id(), "highlight", (String) row[3], "", List.of(), (String) row[4],
                            back, articleId, article.map(ArticleSnapshot::title).orElse(null), position,
                            card.card().state(), card.card().due());
                });
    }

    private ReviewCard show(StoredCard card, VocabularyEntry entry, Map<Long, Optional<ArticleSnapshot>> articles) {
        Set<String> definitions = new LinkedHashSet<>();
        if (entry.definition() != null && !entry.definition().isBlank()) {
            definitions.add(entry.definition());
        }
        for (DictionaryEntry d : study.lookup(entry.simplified()).entries()) {
            for (String def : d.definitions()) {
                if (definitions.size() < 6) {
                    definitions.add(StudyService.readable(def));
                }
            }
        }
        Optional<ArticleSnapshot> article = entry.articleId() == null ? Optional.empty()
                : articles.computeIfAbsent(entry.articleId(), library::snapshot);
        int paragraph = article.map(a -> paragraphOf(a, entry.sentence(), entry.simplified())).orElse(-1);
        return new ReviewCard(card.id(), "word", entry.simplified(), entry.pinyin() == null ? "" : entry.pinyin(),
                List.copyOf(definitions), entry.sentence() == null ? "" : entry.sentence(),
                entry.sentenceEnglish() == null ? "" : entry.sentenceEnglish(), article.map(ArticleSnapshot::articleId)
                .orElse(null), article.map(ArticleSnapshot::title).orElse(null), paragraph, card.card().state(),
                card.card().due());
    }

    /** The position of the paragraph that holds the sentence (else the word), or -1. */
    static int paragraphOf(ArticleSnapshot article, String sentence, String word) {
        for (String needle : new String[]{sentence, word}) {
            if (needle == null || needle.isBlank()) {
                continue;
            }
            for (ArticleSnapshot.SnapshotBlock block : article.blocks()) {
                if (block.text() != null && block.text().contains(needle.strip())) {
                    return block.position();
                }
            }
        }
        return -1;
    }

    private static String prefixed() {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "c." + c).toList());
    }

    private static StoredCard map(ResultSet rs, int row) throws SQLException {
        long vocabularyId = rs.getLong("vocabulary_id");
        Long vocabulary = rs.wasNull() ? null : vocabularyId;
        long highlightId = rs.getLong("highlight_id");
        Long highlight = rs.wasNull() ? null : highlightId;
        int step = rs.getInt("step");
        Integer stepValue = rs.wasNull() ? null : step;
        double stability = rs.getDouble("stability");
        Double s = rs.wasNull() ? null : stability;
        double difficulty = rs.getDouble("difficulty");
        Double d = rs.wasNull() ? null : difficulty;
        FsrsCard card = new FsrsCard(CardState.valueOf(rs.getString("state")), stepValue, s, d,
                rs.getObject("due", OffsetDateTime.class), rs.getObject("last_review", OffsetDateTime.class));
        return new StoredCard(rs.getLong("id"), vocabulary, highlight, card, rs.getInt("reps"), rs.getInt("lapses"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
