package app.duizhao;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Application shell: server push for streamed translations, and our plain stylesheets (no frontend build needed).
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/duizhao.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Duizhao 对照");
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
    }
}
