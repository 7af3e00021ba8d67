package app.duizhao.translation.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.translation.DailyUsage;
import app.duizhao.translation.EngineSettings;
import app.duizhao.translation.TranslationEngines;
import app.duizhao.translation.TranslationException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings: which provider and model translate, how requests are cut and run, a connection test, and the tokens
 * and estimated cost per day. Changes apply at once and survive restarts; the API key only comes from the
 * environment and is never shown (only whether one is set).
 *
 * <p>The engine settings are the server's. With accounts on, only an admin edits them, tests a connection and sees
 * the base URL, whether a key is set and the whole server's usage; anyone else sees which provider and model
 * translate, read-only, and the usage of their own calls. (Personal settings — theme, font size, display mode,
 * lookup on hover, colours — are each user's own and set in the reader.)
 */
@PermitAll
@Route("settings")
@PageTitle("Settings · Duizhao")
@Menu(title = "Settings", order = 4)
public class SettingsView extends VerticalLayout {

    private final TranslationEngines engines;
    private final app.duizhao.translation.TranslationService translation;
    final Select<String> provider = new Select<>();
    final TextField baseUrl = new TextField("Base URL");
    final TextField model = new TextField("Model");
    final IntegerField timeoutSeconds = new IntegerField("Time limit per call (s)");
    final IntegerField maxRetries = new IntegerField("Retries");
    final IntegerField concurrency = new IntegerField("Requests at once");
    final IntegerField batchTokens = new IntegerField("Tokens per request");
    final Checkbox summaryInChinese = new Checkbox("Summary also in Chinese");
    final Span message = new Span();
    final Div usage = new Div();

    public SettingsView(TranslationEngines engines, app.duizhao.translation.TranslationService translation) {
        this.engines = engines;
        this.translation = translation;
        addClassName("dz-settings");
        provider.setLabel("Provider");
        provider.setItems("offline", "openai", "ollama");
        provider.setId("provider");
        baseUrl.setId("base-url");
        baseUrl.setPlaceholder("provider default");
        baseUrl.setWidth("28em");
        model.setId("model");
        model.setPlaceholder("provider default");
        timeoutSeconds.setId("timeout");
        maxRetries.setId("max-retries");
        concurrency.setId("concurrency");
        batchTokens.setId("batch-tokens");
        batchTokens.setHelperText("Estimate: 1 token per Chinese character, 1 per 4 other characters");
        summaryInChinese.setId("summary-in-chinese");
        boolean admin = engines.canChange();
        Span key = new Span(!admin ? "" : engines.hasApiKey() ? "API key: set from the environment (OPENAI_API_KEY)."
                : "API key: not set (set OPENAI_API_KEY for hosted OpenAI-compatible servers; local servers need none).");
        key.setId("api-key-status");
        key.addClassName("dz-hint");
        key.setVisible(admin);

        Button save = new Button("Save", e -> save());
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button test = new Button("Test connection", e -> testConnection());
        test.setId("test-connection");
        Button reset = new Button("Back to application.properties", e -> {
            engines.reset();
            fill(engines.settings());
            show("Using the settings of application.properties.", false);
        });
        reset.setId("reset-settings");
        message.setId("settings-message");

        add(new H2("Settings"), provider, baseUrl, model, key,
                new Div(timeoutSeconds, maxRetries, concurrency, batchTokens), summaryInChinese,
                new Div(save, test, reset), message,
                new RouterLink("Glossary", GlossaryView.class),
                new H3(admin ? "Tokens and estimated cost per day" : "Your tokens and estimated cost per day"), usage);
        fill(engines.settings());
        if (!admin) {
            // Read-only: which provider and model translate, nothing that could carry a secret (a base URL may).
            provider.setReadOnly(true);
            model.setReadOnly(true);
            for (IntegerField number : List.of(timeoutSeconds, maxRetries, concurrency, batchTokens)) {
                number.setReadOnly(true);
            }
            summaryInChinese.setReadOnly(true);
            baseUrl.clear();
            baseUrl.setVisible(false);
            save.setVisible(false);
            test.setVisible(false);
            reset.setVisible(false);
            message.setText("The translation engine is the server's: an admin changes it.");
        }
        refreshUsage();
    }

    private void fill(EngineSettings s) {
        provider.setValue(s.provider());
        baseUrl.setValue(s.baseUrl() == null ? "" : s.baseUrl());
        model.setValue(s.model() == null ? "" : s.model());
        timeoutSeconds.setValue((int) Math.max(1, s.timeout().toSeconds()));
        maxRetries.setValue(s.maxRetries());
        concurrency.setValue(s.concurrency());
        batchTokens.setValue(s.batchTokens());
        summaryInChinese.setValue(s.summaryInChinese());
    }

    /** The settings in the form; throws IllegalArgumentException with a message for the user. */
    EngineSettings formSettings() {
        if (timeoutSeconds.getValue() == null || maxRetries.getValue() == null || concurrency.getValue() == null
                || batchTokens.getValue() == null) {
            throw new IllegalArgumentException("Fill in every number.");
        }
        return new EngineSettings(provider.getValue(), baseUrl.getValue(), model.getValue(),
                Duration.ofSeconds(timeoutSeconds.getValue()), maxRetries.getValue(), concurrency.getValue(),
                batchTokens.getValue(), summaryInChinese.getValue());
    }

    private void save() {
        try {
            engines.update(formSettings());
            show("Saved: translations now use " + engines.current().info().label() + ".", false);
        } catch (IllegalArgumentException e) {
            show(e.getMessage(), true);
        }
    }

    private void testConnection() {
        try {
            show(engines.testConnection(formSettings()), false);
        } catch (IllegalArgumentException | TranslationException e) {
            show(e.getMessage(), true);
        }
    }

    private void show(String text, boolean error) {
        message.setText(text);
        if (error) {
            message.addClassName("dz-error");
        } else {
            message.removeClassName("dz-error");
        }
    }

    private void refreshUsage() {
        usage.removeAll();
        List<DailyUsage> days = translation.dailyUsage(30);
        if (days.isEmpty()) {
            usage.add(new Span("No LLM calls in the last 30 days."));
        }
        for (DailyUsage d : days) {
            Div line = new Div(new Span(d.day() + ": " + d.calls() + " calls, " + d.promptTokens() + " prompt + "
                    + d.completionTokens() + " completion tokens, about $" + String.format(Locale.ROOT, "%.4f", d.cost())));
            line.addClassName("dz-usage-day");
            usage.add(line);
        }
    }
}
