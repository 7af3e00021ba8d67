package app.duizhao.account;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.atmosphere.cpr.AtmosphereRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The {@link SignedInSessionFilter} check for what bypasses servlet filters: a message a client sends over an open
 * push websocket. Our client sends user actions over HTTP ({@code WEBSOCKET_XHR}), but the server would still run a
 * UIDL message that arrives over the websocket (a modified client, or a transport changed some day), so each one is
 * checked here, before Vaadin looks up its session: a session that no longer holds is invalidated, and Vaadin answers
 * the message with "session expired" and drops the websocket; the browser reloads into the login page.
 */
@Component
@ConditionalOnProperty(name = "duizhao.auth.enabled", havingValue = "true")
class PushSessionCheck implements VaadinServiceInitListener, VaadinRequestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PushSessionCheck.class);

    private final AccountService accounts;

    PushSessionCheck(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addVaadinRequestInterceptor(this);
    }

    @Override
    public void requestStart(VaadinRequest request, VaadinResponse response) {
        // HTTP requests (UIDL over XHR, page loads, uploads) went through SignedInSessionFilter already; only a push
        // message arrives as an Atmosphere request.
        if (request instanceof VaadinServletRequest servletRequest
                && servletRequest.getHttpServletRequest() instanceof AtmosphereRequest pushMessage) {
            endIfNoLongerValid(pushMessage);
        }
    }

    @Override
    public void handleException(VaadinRequest request, VaadinResponse response, VaadinSession session,
                                Exception exception) {
    }

    @Override
    public void requestEnd(VaadinRequest request, VaadinResponse response, VaadinSession session) {
    }

    /** Ends the session of a push message whose sign-in no longer holds; true when it did. */
    boolean endIfNoLongerValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Object context;
        try {
            context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException alreadyInvalidated) {
            return false;
        }
        if (context instanceof SecurityContext security && security.getAuthentication() != null
                && security.getAuthentication().getPrincipal() instanceof SignedInUser user
                && !accounts.sessionStillValid(user)) {
            log.debug("Ending the session of {}: a push message after their sessions were ended", user.getUsername());
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // Another request of the same session ended it first.
            }
            return true;
        }
        return false;
    }
}
