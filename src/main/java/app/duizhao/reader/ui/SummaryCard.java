package app.duizhao.reader.ui;

import app.duizhao.study.ui.ChineseHtml;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * The article's summary as a headline and a real list: the model (or the offline extract) writes a first line and
 * then one point per "- " line; those become the list's items instead of showing their dashes.
 */
class SummaryCard extends Div {

    private final Span label = new Span();
    private final Div body = new Div();
    private String text;

    SummaryCard() {
        setId("summary");
        addClassName("dz-summary");
        label.addClassName("dz-summary-label");
        body.addClassName("dz-summary-text");
        add(label, body);
        show(null, false);
    }

    /** Shows {@code summary} (nothing when blank); {@code offline}: key sentences chosen by TextRank. */
    void show(String summary, boolean offline) {
        text = summary == null || summary.isBlank() ? null : summary;
        label.setText(offline ? "Key sentences (chosen from the article, not a translation)" : "Summary");
        body.getElement().setProperty("innerHTML", text == null ? "" : html(text));
        setVisible(text != null);
    }

    /** The summary as stored, or {@code null}. */
    String text() {
        return text;
    }

    /** A headline paragraph for the lines before the first point, then the points as a list. */
    static String html(String summary) {
        List<String> head = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (String line : summary.strip().split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.matches("^([-*•·]|\\d+[.)、])\\s*.*")) {
                points.add(trimmed.replaceFirst("^([-*•·]|\\d+[.)、])\\s*", ""));
            } else if (points.isEmpty()) {
                head.add(trimmed);
            } else {
                points.add(trimmed);
            }
        }
        StringBuilder h = new StringBuilder(summary.length() + 64);
        if (!head.isEmpty()) {
            h.append("<p class=\"dz-summary-headline\">");
            ChineseHtml.escape(String.join(" ", head), h);
            h.append("</p>");
        }
        if (!points.isEmpty()) {
            h.append("<ul class=\"dz-summary-points\">");
            for (String point : points) {
                h.append("<li>");
                ChineseHtml.escape(point, h);
                h.append("</li>");
            }
            h.append("</ul>");
        }
        return h.toString();
    }
}
