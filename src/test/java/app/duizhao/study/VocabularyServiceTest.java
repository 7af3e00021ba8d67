package app.duizhao.study;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class VocabularyServiceTest {

    @Autowired
    VocabularyService vocabulary;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        StudyTables.clear(jdbc, vocabulary, null);
    }

    @Test
    void addingAWordKeepsItsPinyinDefinitionSentenceAndEnglishAsLearning() {
        VocabularyEntry entry = vocabulary.add(new NewVocabularyWord("关系", "關係", "guān xì", "relation",
                "中美关系很重要。", "Relations matter.", null));
        assertThat(entry.status()).isEqualTo(WordStatus.LEARNING);
        assertThat(entry.headword()).isEqualTo("关系 (關係)");
        assertThat(entry.sentence()).isEqualTo("中美关系很重要。");
        assertThat(entry.sentenceEnglish()).isEqualTo("Relations matter.");
        assertThat(vocabulary.find("關係")).contains(entry);
        assertThat(vocabulary.statuses()).containsEntry("关系", WordStatus.LEARNING).containsEntry("關係", WordStatus.LEARNING);

        vocabulary.setStatus(entry.id(), WordStatus.KNOWN);
        VocabularyEntry again = vocabulary.add(new NewVocabularyWord("关系", "關係", "guān xì", "connection", null, null, null));
        assertThat(again.id()).isEqualTo(entry.id());
        assertThat(again.definition()).isEqualTo("connection");
        assertThat(again.status()).as("adding again keeps the status").isEqualTo(WordStatus.KNOWN);
        assertThat(vocabulary.list("", null)).hasSize(1);
    }

    @Test
    void theListFiltersByCharactersPinyinWithoutTonesDefinitionAndStatus() {
        VocabularyEntry bank = vocabulary.add(new NewVocabularyWord("银行", "銀行", "yín háng", "bank", null, null, null));
        vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", null, null, null));
        vocabulary.setStatus(bank.id(), WordStatus.KNOWN);

        assertThat(vocabulary.list("yinhang", null)).extracting(VocabularyEntry::simplified).containsExactly("银行");
        assertThat(vocabulary.list("DIPLO", null)).extracting(VocabularyEntry::simplified).containsExactly("外交");
        assertThat(vocabulary.list("銀", null)).hasSize(1);
        assertThat(vocabulary.list(null, WordStatus.KNOWN)).extracting(VocabularyEntry::simplified).containsExactly("银行");
        assertThat(vocabulary.list(" ", WordStatus.LEARNING)).extracting(VocabularyEntry::simplified).containsExactly("外交");
    }

    @Test
    void entriesCanBeEditedAndDeleted() {
        VocabularyEntry entry = vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", null, null, null));
        VocabularyEntry edited = vocabulary.update(entry.id(), "wàijiāo", "foreign affairs", "外交很重要。", "", WordStatus.KNOWN);
        assertThat(edited.pinyin()).isEqualTo("wàijiāo");
        assertThat(edited.definition()).isEqualTo("foreign affairs");
        assertThat(edited.sentenceEnglish()).isNull();
        assertThat(edited.status()).isEqualTo(WordStatus.KNOWN);
        assertThat(vocabulary.statuses()).containsEntry("外交", WordStatus.KNOWN);

        assertThat(vocabulary.delete(entry.id())).isTrue();
        assertThat(vocabulary.list("", null)).isEmpty();
        assertThat(vocabulary.statuses()).isEmpty();
        assertThatThrownBy(() -> vocabulary.update(entry.id(), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vocabulary.add(new NewVocabularyWord(" ", null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
