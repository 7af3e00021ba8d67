package app.duizhao.annotation;

import app.duizhao.library.ArticleSnapshot;

import java.util.List;

/**
 * An article (current state or saved version) with everything the user added: highlights (anchored or orphaned)
 * and tags. What the exports write.
 *
 * @param userTags the user's tags (the source's own tags are in {@code snapshot.tags()})
 */
public record AnnotatedArticle(ArticleSnapshot snapshot, List<HighlightInfo> highlights, List<String> userTags) {

    public AnnotatedArticle {
        highlights = List.copyOf(highlights);
        userTags = List.copyOf(userTags);
    }

    /** The highlights on one side of one block that are anchored, in text order. */
    public List<HighlightInfo> anchored(int position, Side side) {
        return highlights.stream().filter(h -> h.blockPosition() == position && h.side() == side && !h.orphaned())
                .sorted(java.util.Comparator.comparingInt(HighlightInfo::start)).toList();
    }

    /** The highlights whose quote no longer occurs in their block. */
    public List<HighlightInfo> orphaned() {
        return highlights.stream().filter(HighlightInfo::orphaned).toList();
    }
}
