package app.duizhao.translation;

import app.duizhao.testsupport.KaribuSpringTest;
import app.duizhao.translation.ui.SettingsView;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings page in Karibu: switching provider and model at runtime, validation, connection test. */
class SettingsViewTest extends KaribuSpringTest {

    @Autowired
    TranslationEngines engines;

    @AfterEach
    void resetEngines() {
        engines.reset();
    }

    @SuppressWarnings("unchecked")
    @Test
    void savingSwitchesTheEngineAtOnceAndTheKeyIsNeverShown() {
        UI.getCurrent().navigate(SettingsView.class);
        assertThat(_get(Span.class, spec -> spec.withId("api-key-status")).getText()).startsWith("API key: not set");

        ((Select<String>) _get(Select.class, spec -> spec.withId("provider"))).setValue("ollama");
        _get(TextField.class, spec -> spec.withId("base-url")).setValue("http://127.0.0.1:1");
        _get(TextField.class, spec -> spec.withId("model")).setValue("qwen-test");
        _get(IntegerField.class, spec -> spec.withId("concurrency")).setValue(3);
        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(_get(Span.class, spec -> spec.withId("settings-message")).getText()).contains("ollama · qwen-test");
        assertThat(engines.current().info().model()).isEqualTo("qwen-test");
        assertThat(engines.settings().concurrency()).isEqualTo(3);
    }

    @Test
    void aBadNumberIsRefusedWithAMessageAndTheOldSettingsStay() {
        UI.getCurrent().navigate(SettingsView.class);
        String before = engines.current().info().label();
        _get(IntegerField.class, spec -> spec.withId("batch-tokens")).setValue(1);
        _click(_get(Button.class, spec -> spec.withId("save-settings")));

        assertThat(_get(Span.class, spec -> spec.withId("settings-message")).getText()).contains("Tokens per request");
        assertThat(engines.current().info().label()).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    @Test
    void testConnectionNamesAnUnreachableServer() {
        UI.getCurrent().navigate(SettingsView.class);
        ((Select<String>) _get(Select.class, spec -> spec.withId("provider"))).setValue("openai");
        _get(TextField.class, spec -> spec.withId("base-url")).setValue("http://127.0.0.1:1/v1");
        _click(_get(Button.class, spec -> spec.withId("test-connection")));

        assertThat(_get(Span.class, spec -> spec.withId("settings-message")).getText())
                .contains("Could not reach the LLM server at http://127.0.0.1:1/v1");
    }
}
