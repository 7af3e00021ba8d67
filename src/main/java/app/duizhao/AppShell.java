package app.duizhao;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Application shell: server push for streamed translations, and our plain stylesheets (no frontend build needed).
 * Push goes server-to-client over a websocket, while the client sends every user action as an HTTP request
 * ({@code WEBSOCKET_XHR}, Vaadin's default, spelled out because it matters): so each action passes the servlet
 * filters, among them the check that ends the session of a disabled account or one whose password changed.
 */
@Push(transport = Transport.WEBSOCKET_XHR)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/duizhao.css")
@StyleSheet("styles/learning.css") // issue 16, kept apart so features merge easily
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Duizhao 对照");
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
    }
}
