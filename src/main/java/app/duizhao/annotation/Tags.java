package app.duizhao.annotation;

import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleSummary;
import app.duizhao.library.LibraryService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The user's tags on articles. */
@Component
class Tags {

    /** The longest tag kept; longer ones are cut. */
    static final int MAX_TAG = 100;

    private final ArticleAccess access;
    private final LibraryService library;
    private final TagRepository tags;
    private final AnnotationTransactions transactions;

    Tags(ArticleAccess access, LibraryService library, TagRepository tags, AnnotationTransactions transactions) {
        this.access = access;
        this.library = library;
        this.tags = tags;
        this.transactions = transactions;
    }

    @Transactional(readOnly = true)
    List<String> of(long articleId) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        return tags.findByArticle(articleId).stream().map(ArticleTag::getTag).toList();
    }

    @Transactional(readOnly = true)
    Map<Long, List<String>> all() {
        Map<Long, List<String>> result = new TreeMap<>();
        Set<Long> mine = library.list().stream().map(ArticleSummary::id).collect(Collectors.toSet());
        for (ArticleTag tag : tags.findAllOrdered()) {
            if (mine.contains(tag.getArticleId())) {
                result.computeIfAbsent(tag.getArticleId(), id -> new ArrayList<>()).add(tag.getTag());
            }
        }
        return result;
    }

    List<String> set(long articleId, Collection<String> newTags) {
        return transactions.write(() -> {
            access.require(articleId);
            List<String> normalised = normalise(newTags);
            tags.deleteByArticle(articleId);
            tags.flush();
            for (String tag : normalised) {
                tags.save(new ArticleTag(articleId, tag));
            }
            return normalised.stream().sorted().toList();
        });
    }

    static List<String> normalise(Collection<String> raw) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : raw == null ? List.<String>of() : raw) {
            if (tag == null) {
                continue;
            }
            String cleaned = tag.strip().replaceFirst("^#+", "").replaceAll("\\s+", " ").strip();
            if (cleaned.length() > MAX_TAG) {
                cleaned = cleaned.substring(0, MAX_TAG).strip();
            }
            if (!cleaned.isEmpty()) {
                byKey.putIfAbsent(cleaned.toLowerCase(Locale.ROOT), cleaned);
            }
        }
        return List.copyOf(byKey.values());
    }
}
