package app.duizhao.study;

import app.duizhao.library.ReaderLevels;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The library's levels for the current reader: the article's {@link LevelProfile} in short. */
@Component
class LibraryLevels implements ReaderLevels {

    private final ArticleWords articleWords;

    LibraryLevels(ArticleWords articleWords) {
        this.articleWords = articleWords;
    }

    @Override
    public Optional<ArticleLevel> level(long articleId) {
        return articleWords.profile(articleId).map(p -> {
            StringBuilder line = new StringBuilder();
            for (int level = 1; level <= 6; level++) {
                line.append("HSK ").append(level).append(": ").append(p.atLevel(level)).append(" · ");
            }
            line.append("beyond: ").append(p.beyondHsk()).append(" · names: ").append(p.names());
            return new ArticleLevel(p.words(), p.unknown(), p.unknownShare(), line.toString());
        });
    }
}
