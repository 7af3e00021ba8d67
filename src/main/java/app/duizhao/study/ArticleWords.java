package app.duizhao.study;

import app.duizhao.chinese.*;
import app.duizhao.library.ArticleSnapshot;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the current reader knows of an article's words (issue 16): its level profile for them, "mark the rest of this
 * article known", "I know HSK 1-N" and known-word lists. Another person's article behaves as a missing one.
 */
@Service
public class ArticleWords {

    private final LibraryService library;
    private final StudyService study;
    private final VocabularyService vocabulary;
    private final HskLevels hsk;
    private final WordLevels levels;

    public ArticleWords(LibraryService library, StudyService study, VocabularyService vocabulary, HskLevels hsk,
                        WordLevels levels) {
        this.library = library;
        this.study = study;
        this.vocabulary = vocabulary;
        this.hsk = hsk;
        this.levels = levels;
    }

    /** The current reader's profile of one of their articles, or empty when they have no such article. */
    public Optional<LevelProfile> profile(long articleId) {
        return library.snapshot(articleId).map(this::profile);
    }

    /** The profile of an article's (or a saved version's) text. */
    public LevelProfile profile(ArticleSnapshot article) {
        return study.profile(wordsOf(article));
    }

    private List<List<String>> wordsOf(ArticleSnapshot article) {
        List<List<String>> blocks = new ArrayList<>();
        if (article.title() != null && StudyService.isChinese(article.title())) {
            blocks.add(study.words(article.title()));
        }
        for (ArticleSnapshot.SnapshotBlock block : article.blocks()) {
            if (!block.isImage() && block.text() != null && !block.text().isBlank()) {
                blocks.add(study.words(block.text()));
            }
        }
        return blocks;
    }

    /**
     * Marks every word of the article the reader does not know yet (names and numbers aside) as known: what is left
     * after reading. Words they are learning stay learning. Returns how many were marked, or empty for no article.
     */
    public Optional<Integer> markRestKnown(long articleId) {
        return library.snapshot(articleId).map(article -> {
            LevelProfile profile = profile(article);
            Map<String, KnowledgeStatus> known = vocabulary.knowledge();
            List<String> rest = profile.unknownWords().stream()
                    .filter(w -> known.getOrDefault(w, KnowledgeStatus.NEW) == KnowledgeStatus.NEW).toList();
            return rest.isEmpty() ? 0 : vocabulary.setKnowledge(rest, KnowledgeStatus.KNOWN, "article");
        });
    }

    /**
     * "I know HSK 1-N": marks every listed word of levels 1 to {@code upTo} known, and every single character
     * whose level (by {@link WordLevels}) is within them, except words the reader is learning. Returns how many.
     */
    public int knowHsk(int upTo) {
        if (upTo < 1 || upTo > 6) {
            throw new IllegalArgumentException("hskUpTo is a level from 1 to 6.");
        }
        Collection<String> words = new TreeSet<>();
        hsk.all().forEach((word, level) -> {
            if (level <= upTo) {
                words.add(word);
                word.codePoints().forEach(cp -> {
                    String ch = Character.toString(cp);
                    if (levels.of(ch).level() >= 1 && levels.of(ch).level() <= upTo) {
                        words.add(ch);
                    }
                });
            }
        });
        return markKnown(words, "hsk");
    }

    /** Marks words known, except those the reader is learning (a list never undoes learning). Returns how many. */
    public int markKnown(Collection<String> words, String source) {
        Map<String, KnowledgeStatus> known = vocabulary.knowledge();
        List<String> toMark = words.stream().filter(w -> w != null && !w.isBlank())
                .map(String::strip).distinct()
                .filter(w -> {
                    KnowledgeStatus s = known.getOrDefault(w, KnowledgeStatus.NEW);
                    return s == KnowledgeStatus.NEW;
                }).toList();
        return toMark.isEmpty() ? 0 : vocabulary.setKnowledge(toMark, KnowledgeStatus.KNOWN, source);
    }
}
