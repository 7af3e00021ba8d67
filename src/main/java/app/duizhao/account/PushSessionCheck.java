package app.duizhao.account;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.atmosphere.cpr.AtmosphereRequest;
import org.atmosphere.cpr.AtmosphereResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The {@link SignedInSessionFilter} check for what bypasses servlet filters: a message a client sends over an open
 * push websocket. Our client sends user actions over HTTP ({@code WEBSOCKET_XHR}), but the server would still run a
 * UIDL message that arrives over the websocket (a modified client, or a transport changed some day), so each one is
 * checked here, before Vaadin looks up its session: a session that no longer holds is invalidated, the message gets
 * Vaadin's own "session expired" answer and the websocket is closed (Vaadin then finds the session gone and never runs
 * the message); the browser reloads into the login page.
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
                && servletRequest.getRequest() instanceof AtmosphereRequest pushMessage) {
            if (endIfNoLongerValid(pushMessage)) {
                tellTheClientItsSessionExpired(pushMessage.resource());
            }
        }
    }

    /**
     * What Vaadin itself answers a push message of an expired session (see its {@code PushHandler}): the "session
     * expired" message, upon which the client reloads the page (and lands on the login page), and the end of the
     * websocket. The message itself is never run: Vaadin finds its HTTP session invalidated and stops.
     */
    private static void tellTheClientItsSessionExpired(AtmosphereResource resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.getResponse().setContentType("application/json; charset=UTF-8");
            resource.getResponse().getWriter().write(VaadinService.createSessionExpiredJSON(true));
            resource.resume();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not tell a client its session expired", e);
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
