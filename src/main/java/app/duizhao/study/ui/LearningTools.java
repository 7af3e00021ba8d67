package app.duizhao.study.ui;

import app.duizhao.study.ArticleWords;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;

/**
 * The reader's learning tools (issue 16), one small component the reader plugs in: "Listen" ({@link ListenControls})
 * and "Mark the rest known" (after reading, every word of the article not yet marked becomes known; words being
 * learned stay so).
 */
public class LearningTools extends Div {

    public LearningTools(ArticleWords articleWords, long articleId, Runnable knowledgeChanged) {
        addClassName("dz-learning-tools");
        Button restKnown = new Button("Mark the rest known", e -> {
            int marked = articleWords.markRestKnown(articleId).orElse(0);
            Notification.show(marked == 0 ? "No new words left in this article."
                    : marked + (marked == 1 ? " word" : " words") + " marked known.");
            knowledgeChanged.run();
        });
        restKnown.setId("mark-rest-known");
        restKnown.getElement().setAttribute("title", "After reading: every word of this article you have not marked "
                + "becomes known (words you are learning stay learning)");
        add(new ListenControls(), restKnown);
    }
}
