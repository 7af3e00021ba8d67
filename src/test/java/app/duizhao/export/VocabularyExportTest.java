package app.duizhao.export;

import app.duizhao.importing.ImportService;
import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.VocabularyService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:vocabulary-export;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class VocabularyExportTest {

    @Autowired
    ImportService importer;

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    ExportService exports;

    @Test
    void theAnkiAndMarkdownExportsCarryTheWordsSavedFromTheArticleAndSavedWordsItContains() {
        long id = importer.importText("乒乓外交推动了两国关系。\n\n大使表示友谊很重要。").articleId();
        vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", "乒乓外交推动了两国关系。",
                "Ping-pong diplomacy moved relations forward.", id));
        vocabulary.add(new NewVocabularyWord("友谊", "友誼", "yǒu yì", "friendship", "别的句子。", "Another sentence.",
                null));
        vocabulary.add(new NewVocabularyWord("银行", "銀行", "yín háng", "bank", "银行开门。", "The bank opens.", null));

        String anki = new String(exports.export(id, null, ExportFormat.ANKI).content(), StandardCharsets.UTF_8);
        String markdown = new String(exports.export(id, null, ExportFormat.MD).content(), StandardCharsets.UTF_8);

        assertThat(anki).contains("外交\twài jiāo\tdiplomacy", "友谊 (友誼)\tyǒu yì\tfriendship").doesNotContain("银行");
        assertThat(anki.indexOf("外交")).isLessThan(anki.indexOf("友谊"));
        assertThat(markdown).contains("diplomacy", "friendship").doesNotContain("bank");
    }
}
