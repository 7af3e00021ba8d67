package app.duizhao.reader.ui;

import jakarta.annotation.security.PermitAll;
import app.duizhao.annotation.AnnotatedArticle;
import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.RestoreResult;
import app.duizhao.annotation.Side;
import app.duizhao.annotation.VersionDiff;
import app.duizhao.annotation.VersionInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The history of an article: its saved versions, newest first, each openable and restorable as a new version,
 * and a block-by-block comparison of any two of them or of one with the current working state (paragraphs added
 * or removed, and in the others text, English, machine English, notes, highlights added, removed or changed, tags).
 */
// Any signed-in user (accounts on); the services scope what they see.
@PermitAll
@Route("articles/:articleId/history")
public class HistoryView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final DateTimeFormatter SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

    private final AnnotationService annotations;
    private final Select<Integer> from = new Select<>();
    private final Select<Integer> to = new Select<>();
    private final Div diff = new Div();
    private final Div list = new Div();
    private final Div restoreReport = new Div();
    private long articleId;
    private String title = "History";

    public HistoryView(AnnotationService annotations) {
        this.annotations = annotations;
        addClassNames("dz-history");
        setPadding(false);
    }

    /** The route parameters of an article's history. */
    public static RouteParameters parameters(long articleId) {
        return new RouteParameters(Map.of("articleId", String.valueOf(articleId)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<Long> id = event.getRouteParameters().getLong("articleId");
        Optional<AnnotatedArticle> article = id.flatMap(x -> annotations.annotated(x, null));
        if (article.isEmpty()) {
            title = "Not found";
            add(new H2("There is no such article."));
            return;
        }
        articleId = id.get();
        title = "History: " + article.get().snapshot().title() + " · Duizhao";
        H1 heading = new H1("History");
        Paragraph of = new Paragraph();
        of.add(new Span("Saved versions of "), new RouterLink(article.get().snapshot().title(), ReaderView.class,
                articleId));
        restoreReport.setId("restore-report");
        restoreReport.addClassName("dz-restore-report");
        restoreReport.setVisible(false);
        restoreReport.removeAll();
        list.setId("history-versions");
        list.addClassName("dz-history-list");
        diff.setId("history-diff");
        diff.addClassName("dz-diff");
        from.setLabel("Compare");
        from.setId("compare-from");
        from.setItemLabelGenerator(HistoryView::label);
        to.setLabel("with");
        to.setId("compare-to");
        to.setItemLabelGenerator(HistoryView::label);
        Button compare = new Button("Compare", e -> compare());
        compare.setId("compare");
        Div compareBar = new Div(from, to, compare);
        compareBar.addClassName("dz-compare-bar");
        add(heading, of, restoreReport, list, compareBar, diff);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void refresh() {
        List<VersionInfo> versions = annotations.versions(articleId);
        list.removeAll();
        if (versions.isEmpty()) {
            list.add(new Paragraph("No saved versions yet. Use \"Save version\" in the reader."));
        }
        for (VersionInfo version : versions) {
            Div row = new Div();
            row.addClassName("dz-history-row");
            RouterLink open = new RouterLink("Version " + version.number(), VersionView.class,
                    VersionView.parameters(articleId, version.number()));
            Span when = new Span(" · " + SAVED.format(version.savedAt())
                    + (version.message() == null ? "" : " · " + version.message()));
            Button restore = new Button("Restore as new version", e -> confirmRestore(version.number()));
            restore.addClassName("dz-restore");
            restore.setId("restore-" + version.number());
            restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            row.add(open, when, restore);
            list.add(row);
        }
        // The current working state (unsaved edits included) first, then the versions, newest first.
        List<Integer> choices = new java.util.ArrayList<>();
        choices.add(VersionDiff.CURRENT);
        versions.stream().map(VersionInfo::number).forEach(choices::add);
        from.setItems(choices);
        to.setItems(choices);
        if (versions.size() >= 2) {
            from.setValue(versions.get(1).number());
            to.setValue(versions.get(0).number());
        } else if (versions.size() == 1) {
            from.setValue(versions.get(0).number());
            to.setValue(VersionDiff.CURRENT);
        }
    }

    private static String label(Integer number) {
        return number == null ? "" : number == VersionDiff.CURRENT ? "Current working state" : "Version " + number;
    }

    /** Chooses the two states to compare (a version number, or {@link VersionDiff#CURRENT}). */
    void choose(int first, int second) {
        from.setValue(first);
        to.setValue(second);
    }

    private void confirmRestore(int number) {
        ConfirmDialog dialog = new ConfirmDialog("Restore version " + number + "?",
                "Its English corrections, notes, highlights and tags go back onto the paragraphs they were "
                        + "written for and are saved as a new version; paragraphs added since keep what they have. "
                        + "Nothing is deleted: unsaved changes are first saved as a version of their own, and "
                        + "every saved version stays.", "Restore",
                e -> restore(number));
        dialog.setCancelable(true);
        dialog.open();
    }

    /**
     * Restores version {@code number} as a new version and says what happened above the list: the version saved
     * first to keep unsaved changes, and the work of the old version's paragraphs that are no longer in the article.
     */
    void restore(int number) {
        RestoreResult restored = annotations.restore(articleId, number);
        Notification.show("Version " + number + " restored as version " + restored.number() + ".");
        showReport(restored);
        refresh();
    }

    private void showReport(RestoreResult result) {
        restoreReport.removeAll();
        restoreReport.setVisible(true);
        int from = result.restoredFrom();
        restoreReport.add(new Paragraph("Version " + from + " restored as version " + result.number() + "."
                + (result.savedBefore() == null ? ""
                : " Your unsaved changes were saved first as version " + result.savedBefore() + ".")));
        if (result.leftOut().isEmpty()) {
            return;
        }
        Paragraph intro = new Paragraph();
        intro.add(new Span((result.leftOut().size() == 1 ? "One paragraph" : result.leftOut().size() + " paragraphs")
                + " of version " + from + " " + (result.leftOut().size() == 1 ? "is" : "are")
                + " no longer in the article, so this work could not be put back. It stays in "));
        intro.add(new RouterLink("version " + from, VersionView.class, VersionView.parameters(articleId, from)));
        intro.add(new Span(":"));
        restoreReport.add(intro);
        for (RestoreResult.LeftOutParagraph p : result.leftOut()) {
            Div item = new Div();
            item.addClassName("dz-left-out");
            item.add(new H3("Paragraph " + (p.position() + 1) + " of version " + from));
            item.add(line("dz-left-out-text", "Chinese: " + (p.text() == null ? "(none)" : p.text())));
            if (p.correctedEnglish() != null) {
                item.add(line("dz-left-out-english", "Your English: " + p.correctedEnglish()));
            }
            if (p.note() != null) {
                item.add(line("dz-left-out-note", "Note: " + p.note()));
            }
            for (HighlightInfo h : p.highlights()) {
                item.add(line("dz-left-out-highlight", "Highlight: " + describe(h)));
            }
            restoreReport.add(item);
        }
    }

    /** The report shown after a restore (for tests). */
    String restoreReportText() {
        return restoreReport.isVisible() ? restoreReport.getElement().getTextRecursively() : "";
    }

    /** Shows the comparison of the two chosen versions. */
    void compare() {
        diff.removeAll();
        if (from.getValue() == null || to.getValue() == null) {
            diff.add(new Paragraph("Choose two versions to compare."));
            return;
        }
        // Older first; the current working state is newer than every saved version.
        int x = from.getValue();
        int y = to.getValue();
        boolean swap = x == VersionDiff.CURRENT || (y != VersionDiff.CURRENT && y < x);
        int a = swap ? y : x;
        int b = swap ? x : y;
        VersionDiff result = annotations.compare(articleId, state(a), state(b));
        diff.add(new H2(label(a) + " → " + label(b).replaceFirst("^V", "v").replaceFirst("^C", "c")));
        if (result.isEmpty()) {
            diff.add(new Paragraph("No differences."));
            return;
        }
        if (!result.tagsAdded().isEmpty() || !result.tagsRemoved().isEmpty()) {
            diff.add(new Paragraph("Tags: " + (result.tagsAdded().isEmpty() ? "" : "added "
                    + String.join(", ", result.tagsAdded()) + " ") + (result.tagsRemoved().isEmpty() ? ""
                    : "removed " + String.join(", ", result.tagsRemoved()))));
        }
        for (VersionDiff.BlockDiff block : result.blocks()) {
            diff.add(block(block));
        }
    }

    /** One block of the comparison: a paragraph added or removed with its text, or what changed in one. */
    private static Div block(VersionDiff.BlockDiff block) {
        Div item = new Div();
        item.addClassName("dz-diff-block");
        item.getElement().setAttribute("data-index", String.valueOf(block.position()));
        switch (block.kind()) {
            case ADDED -> {
                item.addClassName("dz-diff-block-added");
                item.add(new H3("Paragraph " + (block.newPosition() + 1) + " added"));
                whole(item, "dz-diff-added", block.text().after(), block.english().after(), block.note().after());
            }
            case REMOVED -> {
                item.addClassName("dz-diff-block-removed");
                item.add(new H3("Paragraph " + (block.oldPosition() + 1) + " removed"));
                whole(item, "dz-diff-removed", block.text().before(), block.english().before(),
                        block.note().before());
            }
            case CHANGED -> {
                item.add(new H3("Paragraph " + (block.newPosition() + 1) + (block.moved()
                        ? " (was paragraph " + (block.oldPosition() + 1) + ")" : "")));
                change(item, "Chinese", block.text());
                change(item, "English", block.english());
                if (block.machineEnglish().changed() && !block.machineEnglish().equals(block.english())) {
                    change(item, "Machine English", block.machineEnglish());
                }
                change(item, "Note", block.note());
            }
        }
        for (HighlightInfo h : block.added()) {
            item.add(line("dz-diff-added", "Highlight added: " + describe(h)));
        }
        for (HighlightInfo h : block.removed()) {
            item.add(line("dz-diff-removed", "Highlight removed: " + describe(h)));
        }
        for (VersionDiff.HighlightChange c : block.changed()) {
            item.add(line("dz-diff-changed", "Highlight changed: " + describe(c.before()) + " → "
                    + describe(c.after())));
        }
        return item;
    }

    /** The text, English and note of a paragraph added or removed as a whole. */
    private static void whole(Div item, String className, String text, String english, String note) {
        item.add(line(className, "Chinese: " + (text == null ? "(none)" : text)));
        if (english != null) {
            item.add(line(className, "English: " + english));
        }
        if (note != null) {
            item.add(line(className, "Note: " + note));
        }
    }

    private static Integer state(int number) {
        return number == VersionDiff.CURRENT ? null : number;
    }

    private static void change(Div item, String what, VersionDiff.Change change) {
        if (!change.changed()) {
            return;
        }
        Div field = new Div();
        field.addClassName("dz-diff-field");
        field.add(new Span(what + ": "));
        Span before = new Span(change.before() == null ? "(none)" : change.before());
        before.addClassName("dz-diff-before");
        Span after = new Span(change.after() == null ? "(none)" : change.after());
        after.addClassName("dz-diff-after");
        field.add(before, new Span(" → "), after);
        item.add(field);
    }

    private static Div line(String className, String text) {
        Div line = new Div(new Span(text));
        line.addClassName(className);
        return line;
    }

    private static String describe(HighlightInfo h) {
        return "“" + h.exact() + "” (" + (h.side() == Side.ZH ? "Chinese" : "English") + ", " + h.colour().code()
                + (h.note() == null ? "" : ", note: " + h.note()) + ")";
    }

    /** The diff panel's text (for tests). */
    String diffText() {
        return diff.getElement().getTextRecursively();
    }
}
