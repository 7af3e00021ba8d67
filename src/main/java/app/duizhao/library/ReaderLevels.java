package app.duizhao.library;

import java.util.Optional;

/**
 * How hard an article is for the current reader (issue 16), as the library lists it; the study feature provides it
 * (it knows the reader's words), the library only shows, sorts and filters by it.
 */
public interface ReaderLevels {

    /** The current reader's level of one of their articles, or empty when there is no such article. */
    Optional<ArticleLevel> level(long articleId);

    /**
     * @param words        distinct words (names included, numbers not)
     * @param unknown      distinct words the reader does not know (names aside)
     * @param unknownShare {@code unknown} over the words that are not names, 0-1
     * @param profile      the HSK profile in a line: {@code HSK 1: 27 · … · beyond: 28 · names: 9}
     */
    record ArticleLevel(int words, int unknown, double unknownShare, String profile) {

        /** "4 % (12)": the share of unknown words and how many. */
        public String label() {
            return Math.round(unknownShare * 100) + " % (" + unknown + ")";
        }
    }
}
