package app.duizhao.library;

import app.duizhao.importing.ImportService;
import app.duizhao.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
class LibrarySearchTest {

    @Autowired
    ImportService importer;

    @Autowired
    LibraryService library;

    @Autowired
    JdbcTemplate jdbc;

    private long post(String title, String source, String date, String tags, String body) {
        String text = "---\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: [ " + source + " ]\ntags: [ "
                + tags + " ]\n---\n" + body + "\n";
        return importer.importFile(title + ".md", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .articleId();
    }

    private static java.util.List<Long> ids(LibraryPage page) {
        return page.rows().stream().map(ArticleSummary::id).toList();
    }

    @Test
    void chineseWordsAreFoundWithoutSpacesAndOnlyWhereTheyOccur() {
        long trade = post("贸易谈判新进展", "测试日报", "2024-03-01", "经济", "<p>双方就关税问题举行了第三轮磋商，气氛坦诚。</p>");
        long sport = post("乒乓球赛事", "测试日报", "2024-03-02", "体育", "<p>运动员在比赛中表现出色，观众热烈鼓掌。</p>");

        assertThat(ids(library.search(LibraryQuery.search("关税问题", 10)))).containsExactly(trade);
        assertThat(ids(library.search(LibraryQuery.search("热烈鼓掌", 10)))).containsExactly(sport);
        // Words from the title count too, and every word must occur.
        assertThat(ids(library.search(LibraryQuery.search("乒乓 观众", 10)))).containsExactly(sport);
        assertThat(ids(library.search(LibraryQuery.search("乒乓 关税", 10)))).isEmpty();
        // Characters that occur only apart are not a match for the word.
        assertThat(ids(library.search(LibraryQuery.search("关鼓", 10)))).isEmpty();
        // A single character is found too.
        assertThat(ids(library.search(LibraryQuery.search("磋", 10)))).containsExactly(trade);
    }

    @Test
    void englishTextIsSearchableOnceTranslatedAndFiltersFollowTheTranslationState() {
        long id = post("英文搜索测试", "另一报", "2023-05-06", "测试", "<p>第一段落用于测试。</p><p>第二段落用于测试。</p>");
        assertThat(library.search(LibraryQuery.search("negotiations", 10)).rows()).isEmpty();
        LibraryQuery notTranslated = LibraryQuery.all(100)
                .withStatuses(Set.of(ArticleSummary.TranslationState.NOT_TRANSLATED));
        assertThat(ids(library.search(notTranslated))).contains(id);

        // A translation arrives for one block (as TranslationStore writes it, through JPA).
        translateFirstBlock(id, "The negotiations went well.");

        assertThat(ids(library.search(LibraryQuery.search("negotiation", 10)))).containsExactly(id);
        assertThat(ids(library.search(notTranslated))).doesNotContain(id);
        assertThat(ids(library.search(LibraryQuery.all(100)
                .withStatuses(Set.of(ArticleSummary.TranslationState.PARTLY_TRANSLATED))))).contains(id);
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    ArticleRepository articles;

    @Autowired
    ArticleEditor editor;

    /** Stores English as a translation does: through the library, which tells the index. */
    private void translateFirstBlock(long id, String english) {
        transactions.executeWithoutResult(status -> {
            ArticleBlock first = articles.findById(id).orElseThrow().getBlocks().getFirst();
            editor.recordTranslation(first.getId(), TextHash.of(first.getText()), english, "LLM", "test-model");
        });
    }

    @Test
    void filtersBySourceTagAndDateAndSortsByTitleAndDate() {
        long a = post("甲文章", "排序报", "2020-01-10", "排序标签, 乙", "<p>排序测试甲的内容。</p>");
        long b = post("乙文章", "排序报", "2020-02-10", "排序标签", "<p>排序测试乙的内容。</p>");
        long c = post("丙文章", "别的报", "2020-03-10", "排序标签", "<p>排序测试丙的内容。</p>");

        LibraryQuery tagged = LibraryQuery.all(100).withTag("排序标签");
        assertThat(ids(library.search(tagged.withSort(LibraryQuery.Sort.PUBLISHED, true)))).containsExactly(a, b, c);
        assertThat(ids(library.search(tagged.withSort(LibraryQuery.Sort.PUBLISHED, false)))).containsExactly(c, b, a);
        assertThat(ids(library.search(tagged.withSource("排序报")))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(library.search(tagged.withDates(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 3, 10)))))
                .containsExactlyInAnyOrder(b, c);
        assertThat(library.count(tagged)).isEqualTo(3);
        assertThat(ids(library.search(tagged.withSort(LibraryQuery.Sort.IMPORTED, false).withPage(1, 1))))
                .containsExactly(b);
        assertThat(library.sources()).contains("排序报", "别的报");
        assertThat(library.tags()).contains("排序标签");
    }

    @Test
    void deletedArticlesLeaveTheIndexAndARebuildFindsTheSameArticles() {
        long id = post("删除测试", "删除报", "2022-01-01", "删", "<p>这篇文章将被删除掉。</p>");
        assertThat(ids(library.search(LibraryQuery.search("删除掉", 10)))).containsExactly(id);

        assertThat(library.delete(id)).isTrue();

        assertThat(ids(library.search(LibraryQuery.search("删除掉", 10)))).isEmpty();
        long stored = jdbc.queryForObject("select count(*) from article", Long.class);
        assertThat(library.rebuildSearchIndex()).isEqualTo((int) stored);
        assertThat(library.count(LibraryQuery.all(0))).isEqualTo(stored);
    }

    @Test
    void theSeedPostIsFoundByAWordFromItsBody() {
        long id = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();
        assertThat(ids(library.search(LibraryQuery.search("乒乓外交", 10)))).contains(id);
        assertThat(library.details(id)).hasValueSatisfying(details -> {
            assertThat(details.blocks()).isNotEmpty();
            assertThat(details.sourceUrl()).startsWith("https://www.zaobao.com/");
        });
    }
}
