package app.duizhao.review.ui;

import app.duizhao.base.ui.MainLayout;
import app.duizhao.review.Rating;
import app.duizhao.review.ReviewCard;
import app.duizhao.review.ReviewService;
import app.duizhao.study.ui.ChineseHtml;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The daily review at {@code /review} (issue 16): one card at a time, the word in its sentence from the article;
 * Space (or Enter) shows the pinyin, definitions and the sentence's English; 1-4 grade it Again, Hard, Good, Easy.
 * Keyboard only if you like; each card links back to its paragraph.
 */
@PermitAll
@Route(value = "review", layout = MainLayout.class)
@Menu(title = "Review", order = 3.5)
@PageTitle("Review · Duizhao")
public class ReviewView extends VerticalLayout {

    private final ReviewService review;
    private final Div card = new Div();
    private final Span remaining = new Span();
    private final Deque<ReviewCard> queue = new ArrayDeque<>();
    private ReviewCard current;
    private boolean revealed;
    private int reviewed;

    public ReviewView(ReviewService review) {
        this.review = review;
        addClassName("dz-review");
        setPadding(false);
        remaining.setId("review-remaining");
        remaining.addClassName("dz-hint");
        card.setId("review-card");
        card.addClassName("dz-review-card");
        Paragraph keys = new Paragraph("Keys: Space or Enter shows the answer; 1 Again · 2 Hard · 3 Good · 4 Easy.");
        keys.addClassName("dz-hint");
        add(new H2("Review"), remaining, card, keys);
        Shortcuts.addShortcutListener(this, this::reveal, Key.SPACE);
        Shortcuts.addShortcutListener(this, this::reveal, Key.ENTER);
        Key[] digits = {Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3, Key.DIGIT_4};
        for (int i = 0; i < digits.length; i++) {
            Rating rating = Rating.values()[i];
            Shortcuts.addShortcutListener(this, () -> grade(rating), digits[i]);
        }
        load();
    }

    private void load() {
        queue.clear();
        queue.addAll(review.due(200));
        next();
    }

    private void next() {
        current = queue.pollFirst();
        revealed = false;
        render();
    }

    /** Shows the back of the card. */
    void reveal() {
        if (current != null && !revealed) {
            revealed = true;
            render();
        }
    }

    /** Grades the card shown (after it was revealed) and moves on. */
    void grade(Rating rating) {
        if (current == null || !revealed) {
            return;
        }
        review.grade(current.id(), rating).ifPresent(graded -> {
            reviewed++;
            // A card due again within this session (a learning step) comes back at the end of the queue.
            if (!graded.due().isAfter(java.time.OffsetDateTime.now().plusMinutes(20))) {
                queue.addLast(graded);
            }
        });
        next();
    }

    private void render() {
        card.removeAll();
        remaining.setText(current == null ? "" : (queue.size() + 1) + " to review" + (reviewed > 0 ? ", "
                + reviewed + " done" : ""));
        if (current == null) {
            Paragraph done = new Paragraph(reviewed > 0 ? "All done for now: " + reviewed + " reviewed."
                    : "Nothing to review now. Add words from the reader's dictionary popup; they come here to be learned.");
            done.setId("review-done");
            card.add(done);
            return;
        }
        Div front = new Div();
        front.addClassName("dz-review-front");
        front.getElement().setAttribute("lang", "zh");
        Div word = new Div(current.word());
        word.setId("review-word");
        word.addClassName("dz-review-word");
        if ("highlight".equals(current.kind())) {
            word.addClassName("dz-review-highlight");
            Span kind = new Span("Highlight");
            kind.addClassName("dz-hint");
            front.add(kind);
        }
        front.add(word);
        if (!current.sentence().isBlank()) {
            Div sentence = new Div();
            sentence.setId("review-sentence");
            sentence.addClassName("dz-review-sentence");
            sentence.getElement().setProperty("innerHTML", marked(current.sentence(), current.word()));
            front.add(sentence);
        }
        card.add(front);
        if (!revealed) {
            Button show = new Button("Show answer (Space)", e -> reveal());
            show.setId("review-show");
            card.add(show);
        } else {
            Div back = new Div();
            back.addClassName("dz-review-back");
            Div pinyin = new Div(current.pinyin());
            pinyin.setId("review-pinyin");
            pinyin.addClassName("dz-review-pinyin");
            UnorderedList definitions = new UnorderedList();
            definitions.setId("review-definitions");
            current.definitions().forEach(d -> definitions.add(new ListItem(d)));
            back.add(pinyin, definitions);
            if (!current.english().isBlank()) {
                Paragraph english = new Paragraph(current.english());
                english.setId("review-english");
                english.addClassName("dz-review-english");
                english.getElement().setAttribute("lang", "en");
                back.add(english);
            }
            Div grades = new Div();
            grades.addClassName("dz-review-grades");
            String[] labels = {"1 Again", "2 Hard", "3 Good", "4 Easy"};
            for (int i = 0; i < 4; i++) {
                Rating rating = Rating.values()[i];
                Button b = new Button(labels[i], e -> grade(rating));
                b.setId("grade-" + (i + 1));
                grades.add(b);
            }
            back.add(grades);
            card.add(back);
        }
        if (current.link() != null) {
            Anchor link = new Anchor(current.link(), "In the article" + (current.articleTitle() == null ? ""
                    : ": " + current.articleTitle()));
            link.setId("review-source-link"); // "review-link" is the menu's link to this page
            link.addClassName("dz-review-link");
            card.add(link);
        }
    }

    /** The sentence as HTML with the word marked. */
    static String marked(String sentence, String word) {
        StringBuilder html = new StringBuilder();
        int at = word.isEmpty() ? -1 : sentence.indexOf(word);
        if (at < 0) {
            ChineseHtml.escape(sentence, html);
            return html.toString();
        }
        ChineseHtml.escape(sentence.substring(0, at), html);
        html.append("<mark class=\"dz-review-mark\">");
        ChineseHtml.escape(word, html);
        html.append("</mark>");
        ChineseHtml.escape(sentence.substring(at + word.length()), html);
        return html.toString();
    }
}
