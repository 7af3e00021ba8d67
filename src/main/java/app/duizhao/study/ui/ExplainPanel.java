package app.duizhao.study.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.function.Consumer;

/** Shows an LLM explanation of a sentence as it streams in, with "Save as note". */
public class ExplainPanel extends Div {

    private final Span sentence = new Span();
    private final Div text = new Div();
    private final Div status = new Div();
    private final Button save = new Button("Save as note");
    private String answer;

    public ExplainPanel(Consumer<String> onSave, Runnable onClose) {
        setId("explain-panel");
        addClassName("dz-explain");
        sentence.addClassName("dz-explain-sentence");
        sentence.getElement().setAttribute("lang", "zh");
        text.setId("explain-text");
        text.addClassName("dz-explain-text");
        status.setId("explain-status");
        status.addClassName("dz-hint");
        save.setId("explain-save");
        save.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            if (answer != null) {
                onSave.accept(answer);
                status.setText("Saved as a note on this paragraph.");
                save.setEnabled(false);
            }
        });
        Button close = new Button("Close", e -> onClose.run());
        close.setId("explain-close");
        close.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Span label = new Span("Explanation of ");
        label.addClassName("dz-summary-label");
        Div head = new Div(label, sentence);
        head.addClassName("dz-explain-head");
        add(head, text, status, new Div(save, close));
        setVisible(false);
    }

    /** Without "Save as note" (a read-only saved version). */
    public void withoutSaving() {
        save.setVisible(false);
    }

    /** Starts showing the explanation of {@code sentenceText}. */
    public void start(String sentenceText) {
        sentence.setText(sentenceText);
        text.setText("");
        answer = null;
        status.setText("Explaining…");
        status.removeClassName("dz-error");
        save.setEnabled(false);
        setVisible(true);
    }

    public void partial(String soFar) {
        text.setText(soFar);
    }

    public void completed(String explanation) {
        answer = explanation;
        text.setText(explanation);
        status.setText("");
        save.setEnabled(true);
    }

    public void failed(String message) {
        status.setText(message);
        status.addClassName("dz-error");
        save.setEnabled(false);
        setVisible(true);
    }

    public String text() {
        return text.getText();
    }

    public String statusText() {
        return status.getText();
    }

    public String sentence() {
        return sentence.getText();
    }
}
