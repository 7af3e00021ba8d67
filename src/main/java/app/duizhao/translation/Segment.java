package app.duizhao.translation;

/**
 * One block of text to translate, with a stable id that the answer is matched by.
 *
 * @param id   the block's position in the article
 * @param text the source text
 */
public record Segment(int id, String text) {
}
