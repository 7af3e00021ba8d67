package app.duizhao.study.ui;

import app.duizhao.study.DisplayMode;
import app.duizhao.study.LevelProfile;
import app.duizhao.study.ReaderPreferences;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;

/**
 * The reader's study toolbar: pinyin (per article), tone colours, HSK colours, marking of new words, lookup on hover,
 * display mode, font size, explain a selection, the keyboard help, and the article's HSK level profile.
 */
public class ReaderPreferencesBar extends Div {

    /** Receives the user's changes. */
    public interface Listener {
        void pinyinChanged(boolean shown);

        void preferencesChanged(ReaderPreferences preferences);

        void explainSelection();

        void showKeys();
    }

    private final Checkbox pinyin = new Checkbox("Pinyin");
    private final Checkbox toneColours = new Checkbox("Tone colours");
    private final Checkbox hsk = new Checkbox("HSK colours");
    private final Checkbox markNew = new Checkbox("Mark new words");
    private final Checkbox hover = new Checkbox("Look up on hover");
    private final Select<DisplayMode> mode = new Select<>();
    private final Button smaller = new Button("A−");
    private final Button larger = new Button("A+");
    private final Span fontSize = new Span();
    private final Div profile = new Div();
    private ReaderPreferences preferences;
    private boolean updating;

    public ReaderPreferencesBar(ReaderPreferences initial, boolean pinyinShown, boolean canExplain, Listener listener) {
        this.preferences = initial;
        addClassNames("dz-toolbar", "dz-study-bar");
        setId("study-bar");
        pinyin.setId("pinyin-toggle");
        toneColours.setId("tone-colours");
        hsk.setId("hsk-colours");
        markNew.setId("mark-new");
        hover.setId("lookup-hover");
        mode.setId("display-mode");
        mode.setItems(DisplayMode.values());
        mode.setItemLabelGenerator(DisplayMode::label);
        mode.setAriaLabel("Display mode");
        smaller.setId("font-smaller");
        larger.setId("font-larger");
        smaller.getElement().setAttribute("aria-label", "Smaller text");
        larger.getElement().setAttribute("aria-label", "Larger text");
        fontSize.setId("font-size");
        fontSize.addClassName("dz-hint");
        for (Button b : new Button[]{smaller, larger}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        Button explain = new Button("Explain selection", e -> listener.explainSelection());
        explain.setId("explain-selection");
        explain.addThemeVariants(ButtonVariant.LUMO_SMALL);
        explain.setEnabled(canExplain);
        if (!canExplain) {
            explain.getElement().setAttribute("title", "Explanations need an LLM (duizhao.llm.provider).");
        }
        Button keys = new Button("Keys ?", e -> listener.showKeys());
        keys.setId("keys-help");
        keys.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        profile.setId("level-profile");
        profile.addClassName("dz-level-profile");

        pinyin.setValue(pinyinShown);
        show(initial);
        pinyin.addValueChangeListener(e -> listener.pinyinChanged(e.getValue()));
        toneColours.addValueChangeListener(e -> change(listener, preferences.withToneColours(e.getValue())));
        hsk.addValueChangeListener(e -> change(listener, preferences.withShowHsk(e.getValue())));
        markNew.addValueChangeListener(e -> change(listener, preferences.withMarkNewWords(e.getValue())));
        hover.addValueChangeListener(e -> change(listener, preferences.withLookupOnHover(e.getValue())));
        mode.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                change(listener, preferences.withDisplayMode(e.getValue()));
            }
        });
        smaller.addClickListener(e -> change(listener, preferences.withFontSize(preferences.fontSize() - 2)));
        larger.addClickListener(e -> change(listener, preferences.withFontSize(preferences.fontSize() + 2)));

        Div words = new Div(pinyin, toneColours, hsk, markNew, hover);
        words.addClassName("dz-toolbar-group");
        Div view = new Div(mode, smaller, fontSize, larger, explain, keys);
        view.addClassName("dz-toolbar-group");
        add(words, view, profile);
    }

    private void change(Listener listener, ReaderPreferences changed) {
        if (updating) {
            return;
        }
        preferences = changed;
        show(changed);
        listener.preferencesChanged(changed);
    }

    private void show(ReaderPreferences p) {
        updating = true;
        try {
            toneColours.setValue(p.toneColours());
            hsk.setValue(p.showHsk());
            markNew.setValue(p.markNewWords());
            hover.setValue(p.lookupOnHover());
            mode.setValue(p.displayMode());
            fontSize.setText(p.fontSize() + " px");
            smaller.setEnabled(p.fontSize() > ReaderPreferences.MIN_FONT_SIZE);
            larger.setEnabled(p.fontSize() < ReaderPreferences.MAX_FONT_SIZE);
        } finally {
            updating = false;
        }
    }

    /** Sets the pinyin box without telling the listener (the {@code p} key toggles pinyin too). */
    public void setPinyin(boolean shown) {
        pinyin.setValue(shown);
    }

    /** Shows the article's HSK level profile. */
    public void showProfile(LevelProfile p) {
        profile.removeAll();
        Span label = new Span("Levels: ");
        label.addClassName("dz-level-label");
        profile.add(label);
        for (int level = 1; level <= 6; level++) {
            Span chip = new Span("HSK " + level + ": " + p.atLevel(level));
            chip.addClassNames("dz-level-chip", "dz-hsk-badge-" + level);
            chip.getElement().setAttribute("data-level", String.valueOf(level));
            profile.add(chip);
        }
        Span beyond = new Span("beyond: " + p.beyondHsk());
        beyond.addClassNames("dz-level-chip", "dz-hsk-badge-0");
        beyond.getElement().setAttribute("data-level", "0");
        Span unknown = new Span("unknown to you: " + p.unknown() + " of " + p.words() + " words");
        unknown.addClassName("dz-level-unknown");
        unknown.setId("level-unknown");
        profile.add(beyond, unknown);
    }

    /** Says that the article's words are being prepared: {@code done} of {@code total} paragraphs. */
    public void showPreparing(int done, int total) {
        profile.removeAll();
        Span text = new Span("Preparing the words for the study tools: " + done + " of " + total + " paragraphs…");
        text.addClassName("dz-hint");
        text.setId("words-progress");
        profile.add(text);
    }

    /** Says that the article's words could not be prepared (the text stays readable, without lookups). */
    public void showPreparingFailed() {
        profile.removeAll();
        Span text = new Span("The words of this article could not be prepared: the dictionary is not available here.");
        text.addClassName("dz-error");
        profile.add(text);
    }

    public ReaderPreferences preferences() {
        return preferences;
    }

    /** The level profile as text (for tests). */
    public String profileText() {
        StringBuilder sb = new StringBuilder();
        profile.getChildren().forEach(c -> sb.append(c.getElement().getText()).append(' '));
        return sb.toString().strip();
    }
}
