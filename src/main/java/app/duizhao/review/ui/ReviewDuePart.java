package app.duizhao.review.ui;

import app.duizhao.base.ui.HeaderPart;
import app.duizhao.review.ReviewService;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the number of review cards due now in the header of every page (a link to {@code /review}), so the learner
 * sees there is something to do; nothing when none is due.
 */
@Configuration(proxyBeanMethods = false)
class ReviewDuePart {

    @Bean
    HeaderPart reviewDue(ReviewService review) {
        return HeaderPart.of(5, () -> dueLink(review));
    }

    private static RouterLink dueLink(ReviewService review) {
        int due;
        try {
            due = review.dueCount();
        } catch (RuntimeException e) {
            due = 0; // no signed-in user yet (the login page): no count
        }
        RouterLink link = new RouterLink("", ReviewView.class);
        link.setId("review-link-nav");
        link.addClassName("dz-nav-link");
        if (due > 0) {
            Span count = new Span(String.valueOf(due));
            count.setId("review-due");
            count.addClassName("dz-due-count");
            link.getElement().setAttribute("title", due + " cards due for review");
            link.getElement().setAttribute("aria-label", due + " review cards due");
            link.add(count);
        } else {
            link.setVisible(false);
        }
        return link;
    }
}
