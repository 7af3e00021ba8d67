package app.duizhao.api;

import app.duizhao.library.ArticleDetails;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An article as {@code POST /api/articles} and {@code GET /api/articles/{id}} answer it.
 *
 * @param source      the outlet's name, or {@code null}
 * @param date        the publication time, ISO-8601 with offset, or {@code null}
 * @param url         the original link, or {@code null}
 * @param summary     the English summary, or {@code null} before one is written
 * @param translation how far the English has come
 * @param removed     what the cleaner removed, and why
 */
public record ArticleJson(long id, String title, String source, String date, String url, String language,
                          List<String> tags, String summary, TranslationJson translation, List<BlockJson> blocks,
                          List<RemovedJson> removed) {

    /**
     * One cleaned block.
     *
     * @param kind     one of {@code heading, paragraph, quote, list-item, table-row, image, caption, byline}
     * @param english  its English (the user's correction, else the machine's), or {@code null}
     * @param imageUrl the picture's address for {@code image} blocks, else {@code null}
     */
    public record BlockJson(int index, String kind, String text, String english, String imageUrl) {
    }

    /** Something the cleaner removed. */
    public record RemovedJson(String reason, String text) {
    }

    /**
     * Translation progress.
     *
     * @param status  {@code running}, {@code done} (every text block has English), {@code failed} (the last run
     *                failed, or blocks have errors), {@code partial} (some blocks have English) or {@code none}
     * @param done    blocks with English
     * @param total   text blocks
     * @param message why the last run failed, or {@code null}
     */
    public record TranslationJson(String status, int done, int total, String message) {
    }

    static ArticleJson of(ArticleDetails article, TranslationJson translation) {
        return new ArticleJson(article.id(), article.title(), article.sourceName(),
                article.publishedAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(article.publishedAt()),
                article.sourceUrl(), article.language(), article.tags(), article.summary(), translation,
                article.blocks().stream().map(b -> new BlockJson(b.index(), b.kind(), b.text(), b.english(),
                        b.imageUrl())).toList(),
                article.removed().stream().map(r -> new RemovedJson(r.reason(), r.text())).toList());
    }
}
