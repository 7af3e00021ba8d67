package app.duizhao.study;

import app.duizhao.account.CurrentUser;
import app.duizhao.library.ArticleAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current user's reader preferences ({@code reader_preferences}) and, per article, whether pinyin shows and the
 * block they were reading ({@code article_reading_state}). Nobody sees or changes another's.
 */
@Component
class ReaderState {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ArticleAccess articles;

    ReaderState(JdbcClient jdbc, CurrentUser currentUser, ArticleAccess articles) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.articles = articles;
    }

    /** The current user's reader preferences (defaults until they change them). */
    ReaderPreferences preferences() {
        return jdbc.sql("SELECT theme, font_size, display_mode, lookup_on_hover, tone_colours, show_hsk, mark_new_words "
                        + "FROM reader_preferences WHERE owner_id = ?")
                .param(currentUser.id())
                .query((rs, n) -> new ReaderPreferences("dark".equals(rs.getString(1)), rs.getInt(2),
                        parseMode(rs.getString(3)), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)))
                .optional().orElse(ReaderPreferences.DEFAULTS);
    }

    /** Keeps the current user's reader preferences. */
    @Transactional
    ReaderPreferences savePreferences(ReaderPreferences p) {
        // UPDATE, then INSERT when there was no row: plain SQL that H2 and PostgreSQL both run.
        Object[] values = {p.dark() ? "dark" : "light", p.fontSize(), p.displayMode().name(), p.lookupOnHover(),
                p.toneColours(), p.showHsk(), p.markNewWords(), currentUser.id()};
        int updated = jdbc.sql("UPDATE reader_preferences SET theme = ?, font_size = ?, display_mode = ?, "
                + "lookup_on_hover = ?, tone_colours = ?, show_hsk = ?, mark_new_words = ? WHERE owner_id = ?")
                .params(values).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO reader_preferences (theme, font_size, display_mode, lookup_on_hover, tone_colours, "
                    + "show_hsk, mark_new_words, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
        return p;
    }

    private static DisplayMode parseMode(String s) {
        try {
            return DisplayMode.valueOf(s);
        } catch (RuntimeException e) {
            return DisplayMode.SIDE_BY_SIDE;
        }
    }

    /** Whether the current user shows pinyin for an article (false for an article that is not theirs). */
    boolean pinyinShown(long articleId) {
        return jdbc.sql("SELECT pinyin FROM article_reading_state WHERE owner_id = ? AND article_id = ?")
                .params(currentUser.id(), articleId).query(Boolean.class).optional().orElse(false);
    }

    /** The block the current user was reading, 0 at first (and for an article that is not theirs). */
    int readingPosition(long articleId) {
        return jdbc.sql("SELECT position FROM article_reading_state WHERE owner_id = ? AND article_id = ?")
                .params(currentUser.id(), articleId).query(Integer.class).optional().orElse(0);
    }

    /** Remembers whether the current user shows pinyin for an article of theirs (ignored for anyone else's). */
    @Transactional
    void showPinyin(long articleId, boolean shown) {
        long owner = currentUser.id();
        if (jdbc.sql("UPDATE article_reading_state SET pinyin = ? WHERE owner_id = ? AND article_id = ?")
                .params(shown, owner, articleId).update() == 0 && articles.exists(articleId)) {
            jdbc.sql("INSERT INTO article_reading_state (owner_id, article_id, pinyin, position) VALUES (?, ?, ?, 0)")
                    .params(owner, articleId, shown).update();
        }
    }

    /** Remembers the block the current user is reading in an article of theirs (ignored for anyone else's). */
    @Transactional
    void saveReadingPosition(long articleId, int position) {
        long owner = currentUser.id();
        int at = Math.max(0, position);
        if (jdbc.sql("UPDATE article_reading_state SET position = ? WHERE owner_id = ? AND article_id = ?")
                .params(at, owner, articleId).update() == 0 && articles.exists(articleId)) {
            jdbc.sql("INSERT INTO article_reading_state (owner_id, article_id, pinyin, position) VALUES (?, ?, FALSE, ?)")
                    .params(owner, articleId, at).update();
        }
    }
}
