package app.duizhao.study.ui;

import app.duizhao.study.NewVocabularyWord;
import app.duizhao.study.StudyTables;
import app.duizhao.study.VocabularyEntry;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import app.duizhao.testsupport.KaribuSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class VocabularyViewTest extends KaribuSpringTest {

    @Autowired
    VocabularyService vocabulary;

    private VocabularyEntry bank;

    @BeforeEach
    void words() {
        StudyTables.clear(context);
        bank = vocabulary.add(new NewVocabularyWord("银行", "銀行", "yín háng", "bank", "我去银行。", "I go to the bank.", null));
        vocabulary.add(new NewVocabularyWord("外交", "外交", "wài jiāo", "diplomacy", "乒乓外交。", "Ping-pong diplomacy.", null));
        vocabulary.add(new NewVocabularyWord("友谊", "友誼", "yǒu yì", "friendship", null, null, null));
    }

    private VocabularyView open() {
        UI.getCurrent().navigate("vocabulary");
        return _get(VocabularyView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<VocabularyEntry> grid() {
        return _get(Grid.class, spec -> spec.withId("vocab-grid"));
    }

    @Test
    void listsEveryWordAndFiltersByTextAndStatus() {
        VocabularyView view = open();
        assertThat(_size(grid())).isEqualTo(3);
        assertThat(_get(Span.class, spec -> spec.withId("vocab-count")).getText()).isEqualTo("3 words");

        _get(TextField.class, spec -> spec.withId("vocab-filter")).setValue("yinhang");
        assertThat(view.shown()).extracting(VocabularyEntry::simplified).containsExactly("银行");
        assertThat(_size(grid())).isEqualTo(1);

        _get(TextField.class, spec -> spec.withId("vocab-filter")).setValue("");
        vocabulary.setStatus(bank.id(), WordStatus.KNOWN);
        @SuppressWarnings("unchecked")
        Select<String> status = _get(Select.class, spec -> spec.withId("vocab-status"));
        status.setValue("Known");
        assertThat(_size(grid())).isEqualTo(1);
        status.setValue("Learning");
        assertThat(view.shown()).extracting(VocabularyEntry::simplified).containsExactlyInAnyOrder("外交", "友谊");
    }

    @Test
    void anEntryIsEditedMarkedKnownAndDeleted() {
        open();
        grid().select(bank);
        TextField definition = _get(TextField.class, spec -> spec.withId("vocab-definition"));
        assertThat(definition.getValue()).isEqualTo("bank");
        definition.setValue("bank (financial)");
        _click(_get(Button.class, spec -> spec.withId("vocab-save")));
        assertThat(vocabulary.get(bank.id()).orElseThrow().definition()).isEqualTo("bank (financial)");

        _click(_get(Button.class, spec -> spec.withId("vocab-toggle")));
        assertThat(vocabulary.get(bank.id()).orElseThrow().status()).isEqualTo(WordStatus.KNOWN);
        _click(_get(Button.class, spec -> spec.withId("vocab-toggle")));
        assertThat(vocabulary.get(bank.id()).orElseThrow().status()).isEqualTo(WordStatus.LEARNING);

        _click(_get(Button.class, spec -> spec.withId("vocab-delete")));
        assertThat(vocabulary.get(bank.id())).isEmpty();
        assertThat(_size(grid())).isEqualTo(2);
    }
}
