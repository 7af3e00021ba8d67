package app.duizhao.reader.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.translation.EngineInfo;
import app.duizhao.translation.GlossaryEntry;
import app.duizhao.translation.ModelUsage;
import app.duizhao.translation.OutputKind;
import app.duizhao.translation.ProposedTerm;
import app.duizhao.translation.TranslationException;
import app.duizhao.translation.TranslationJob;
import app.duizhao.translation.TranslationService;
import app.duizhao.translation.ui.GlossaryView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The side panel's translation section: who writes the English (said once), what this article's LLM calls cost,
 * the glossary check of the last job and "Propose glossary terms". Shows nothing that is empty.
 */
class TranslationDetails extends Div {

    private final TranslationService translation;
    private final CurrentUser currentUser;
    private final long articleId;
    private final Span cost = new Span();
    private final Div glossaryNotice = new Div();
    private final Button proposeTerms = new Button("Propose glossary terms");

    TranslationDetails(TranslationService translation, CurrentUser currentUser, long articleId, boolean offlineGloss) {
        this.translation = translation;
        this.currentUser = currentUser;
        this.articleId = articleId;
        addClassName("dz-translation-details");
        EngineInfo engine = translation.engineInfo();
        if (engine.kind() == OutputKind.OFFLINE || offlineGloss) {
            Paragraph notice = new Paragraph("No translation model is set up, so the English column shows "
                    + "dictionary meanings word by word and the summary lists key sentences from the article. "
                    + "Neither is a translation. Choose a model on the Settings page to get translations.");
            notice.addClassName("dz-offline-notice");
            notice.setId("offline-notice");
            add(notice);
        } else {
            Paragraph by = new Paragraph("Translated by " + engine.label() + ".");
            by.addClassName("dz-hint");
            add(by);
        }
        cost.setId("translation-cost");
        cost.addClassName("dz-hint");
        proposeTerms.setId("propose-terms");
        proposeTerms.addThemeVariants(ButtonVariant.LUMO_SMALL);
        proposeTerms.setVisible(engine.kind() == OutputKind.LLM);
        proposeTerms.addClickListener(event -> proposeGlossaryTerms());
        glossaryNotice.setId("glossary-notice");
        glossaryNotice.addClassName("dz-glossary-notice");
        glossaryNotice.setVisible(false);
        add(cost, proposeTerms, glossaryNotice);
        refreshCost();
    }

    /** One line: tokens and estimated cost of this article's LLM calls, per model. */
    void refreshCost() {
        List<ModelUsage> used = translation.usage(articleId);
        cost.setText(used.isEmpty() ? "" : used.stream().map(u -> u.model() + ": "
                        + (u.promptTokens() + u.completionTokens()) + " tokens" + (u.estimated() ? " (est.)" : "")
                        + String.format(Locale.ROOT, ", $%.4f", u.cost()))
                .collect(Collectors.joining(" · ", "Cost: ", "")));
        cost.setVisible(!used.isEmpty());
    }

    String costText() {
        return cost.getText();
    }

    /** Says which glossary terms the English of which paragraphs left out, so the user can check them. */
    void showGlossaryMisses(TranslationJob job) {
        Map<Integer, List<GlossaryEntry>> misses = job.glossaryMisses();
        if (misses.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("Glossary check: ");
        misses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(miss -> text
                .append("paragraph ").append(miss.getKey() + 1).append(" does not use ")
                .append(miss.getValue().stream().map(term -> term.chinese() + " → " + term.english())
                        .collect(Collectors.joining(", ")))
                .append("; "));
        glossaryNotice.removeAll();
        glossaryNotice.add(new Span(text.substring(0, text.length() - 2) + "."));
        glossaryNotice.setVisible(true);
    }

    /** Asks the LLM for names in this article in the background and offers them on the glossary page. */
    private void proposeGlossaryTerms() {
        UI ui = UI.getCurrent();
        proposeTerms.setEnabled(false);
        proposeTerms.setText("Proposing terms…");
        Thread.ofVirtual().name("propose-terms-" + articleId).start(currentUser.wrap(() -> {
            String message;
            boolean failed = false;
            try {
                List<ProposedTerm> terms = translation.proposeTerms(articleId);
                message = terms.isEmpty() ? "The LLM found no names to propose."
                        : "The LLM proposed " + terms.size() + " terms: " + terms.stream()
                        .map(term -> term.chinese() + " → " + term.english())
                        .collect(Collectors.joining(", ")) + ". Accept them on the Glossary page.";
            } catch (RuntimeException e) {
                message = e instanceof TranslationException ? e.getMessage()
                        : "Proposing terms failed (" + e.getClass().getSimpleName() + ").";
                failed = true;
            }
            String shown = message;
            boolean error = failed;
            ui.access(() -> {
                proposeTerms.setEnabled(true);
                proposeTerms.setText("Propose glossary terms");
                glossaryNotice.removeAll();
                Span text = new Span(shown + " ");
                if (error) {
                    text.addClassName("dz-error");
                }
                glossaryNotice.add(text, new RouterLink("Open the glossary", GlossaryView.class));
                glossaryNotice.setVisible(true);
            });
        }));
    }

    String glossaryNoticeText() {
        return glossaryNotice.isVisible() ? glossaryNotice.getElement().getTextRecursively() : "";
    }
}
