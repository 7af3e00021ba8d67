package app.duizhao.account;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.Side;
import app.duizhao.library.LibraryService;
import app.duizhao.testsupport.Fixtures;
import app.duizhao.testsupport.SignedIn;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User B tries every HTTP API route and every view the app has (found by asking Spring MVC and Vaadin's router, so a
 * route added later is tried too) with user A's article, version and batch numbers, and sees none of A's data and
 * changes none of it. Complements {@link AccountsIsolationTest}, which checks each route's answer in detail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "duizhao.auth.enabled=true", "DUIZHAO_ADMIN_USERNAME=first-admin", "DUIZHAO_ADMIN_PASSWORD=first-admin-pass"})
@ActiveProfiles("test")
class EveryRouteIsolationTest {

    private static final String PASSWORD_A = "alpha-secret-1";
    private static final String PASSWORD_B = "bravo-secret-2";
    /** The export formats the API serves: each is tried. */
    private static final List<String> FORMATS = List.of("md", "html", "pdf", "epub", "anki", "json");

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    /** Written into A's note and highlight: must appear nowhere B looks. */
    private final String secret = "A-SECRET-" + suffix;

    @LocalServerPort
    int port;

    @Autowired AccountService accounts;
    @Autowired CurrentUser currentUser;
    @Autowired AnnotationService annotations;
    @Autowired LibraryService library;
    @Autowired ApplicationContext context;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    UserAccount a;
    UserAccount b;
    long articleOfA;
    String titleOfA;

    @BeforeEach
    void aWithAnAnnotatedArticleAndB() throws Exception {
        a = accounts.create("alice-" + suffix, PASSWORD_A, Role.USER);
        b = accounts.create("bob-" + suffix, PASSWORD_B, Role.USER);
        HttpResponse<String> created = http().send("POST", "/api/articles", "text/plain",
                Fixtures.seedPostText() + "\n\n" + suffix, SignedIn.basic(a.username(), PASSWORD_A));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        articleOfA = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        currentUser.runAs(a.id(), () -> {
            annotations.setNote(articleOfA, 0, secret + " note");
            annotations.addHighlight(articleOfA, 0, Side.ZH, 0, 2, HighlightColour.GREEN, secret + " highlight");
            annotations.setTags(articleOfA, List.of("tag-" + secret));
            return annotations.saveVersion(articleOfA, secret + " version");
        });
        titleOfA = currentUser.runAs(a.id(), () -> library.snapshot(articleOfA).orElseThrow().title());
    }

    @AfterEach
    void clearSecurity() {
        SignedIn.signOut(context);
    }

    @Test
    void everyApiRouteAnswersUserBWithNoneOfUserAsDataAndChangesNothing() throws Exception {
        List<String> tried = new ArrayList<>();
        Set<String> patterns = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : patternsOf(info)) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    patterns.add(m.name() + " " + pattern);
                }
            }
        });
        assertThat(patterns).as("the API routes found").contains("GET /api/articles/{id}",
                "POST /api/articles/{id}/notes", "GET /api/articles/{id}/export");

        String asB = SignedIn.basic(b.username(), PASSWORD_B);
        String tokenOfB = "Bearer " + accounts.newApiToken(b.id());
        for (String route : patterns) {
            String method = route.substring(0, route.indexOf(' '));
            String path = fill(route.substring(route.indexOf(' ') + 1));
            for (String query : queriesFor(path)) {
                for (String credentials : List.of(asB, tokenOfB)) {
                    String body = """
                            {"block": 0, "text": "B was here", "message": "B was here", "force": true,
                             "articleIds": [%d], "ids": [%d], "url": "http://127.0.0.1:9/x"}""".formatted(
                            articleOfA, articleOfA);
                    HttpResponse<String> answer = http().send(method, path + query, "application/json",
                            method.equals("GET") || method.equals("DELETE") ? null : body, credentials);
                    tried.add(method + " " + path + query + " → " + answer.statusCode());
                    assertThat(answer.body()).as(method + " " + path + query)
                            .doesNotContain(secret).doesNotContain(titleOfA);
                    if ((path + query).contains(String.valueOf(articleOfA))) {
                        assertThat(answer.statusCode()).as(method + " " + path + query).isIn(400, 403, 404, 405);
                    }
                }
            }
        }
        assertThat(tried).hasSizeGreaterThan(20);
        assertUnchanged();
    }

    @Test
    void everyViewOpenedByUserBWithUserAsNumbersShowsNoneOfUserAsData() {
        List<String> opened = new ArrayList<>();
        SignedIn.karibuAs(context, b.username(), () -> {
            List<RouteData> routes = RouteConfiguration.forApplicationScope().getAvailableRoutes();
            assertThat(routes).extracting(RouteData::getTemplate)
                    .contains("articles/:articleId/history", "articles/:articleId/versions/:number");
            for (RouteData route : routes) {
                // The reader takes the article as its URL parameter (":___url_parameter(<regex>)" in the template).
                String location = fill(route.getTemplate().replaceAll(":___url_parameter.*$",
                        String.valueOf(articleOfA)));
                String shown;
                try {
                    UI.getCurrent().navigate(location);
                    shown = everythingShown();
                } catch (RuntimeException | Error refused) { // Karibu reports a denied view as an Error
                    shown = String.valueOf(refused.getMessage()); // an admin view: access denied
                }
                opened.add(location);
                assertThat(shown).as(location).doesNotContain(secret).doesNotContain(titleOfA);
            }
        });
        assertThat(opened).contains("articles/" + articleOfA, "articles/" + articleOfA + "/history",
                "articles/" + articleOfA + "/versions/1", "", "vocabulary", "glossary");
        assertUnchanged();
    }

    private void assertUnchanged() {
        currentUser.runAs(a.id(), () -> {
            assertThat(library.snapshot(articleOfA)).as("A's article is still there")
                    .hasValueSatisfying(article -> assertThat(article.blocks().getFirst().note())
                            .isEqualTo(secret + " note"));
            assertThat(annotations.versions(articleOfA)).hasSize(1);
            assertThat(annotations.highlights(articleOfA)).singleElement()
                    .satisfies(h -> assertThat(h.note()).isEqualTo(secret + " highlight"));
            assertThat(annotations.tags(articleOfA)).containsExactly("tag-" + secret);
            return null;
        });
    }

    /** A's numbers in place of every path variable (a version or batch number: 1). */
    private String fill(String template) {
        return template
                .replaceAll("\\{(id|articleId)}|:articleId\\b", String.valueOf(articleOfA))
                .replaceAll("\\{[^}]+}|:[a-zA-Z]+\\b", "1");
    }

    private List<String> queriesFor(String path) {
        if (path.endsWith("/export")) {
            List<String> queries = new ArrayList<>();
            for (String format : FORMATS) {
                queries.add((path.startsWith("/api/export") ? "?ids=" + articleOfA + "&" : "?") + "format=" + format);
            }
            queries.add("?format=json&version=1");
            return queries;
        }
        return List.of("");
    }

    private static Set<String> patternsOf(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    /**
     * Everything the current UI shows: each component's text, the HTML set as innerHTML (reader rows), field values
     * and labels, and every row of every grid (fetched from its data provider as the browser would).
     */
    private static String everythingShown() {
        StringBuilder all = new StringBuilder();
        for (Component component : _find(Component.class)) {
            Element element = component.getElement();
            all.append(element.getText()).append('\n');
            for (String property : List.of("innerHTML", "value", "label", "title", "helperText")) {
                Object value = element.getPropertyRaw(property);
                if (value != null) {
                    all.append(value).append('\n');
                }
            }
            if (component instanceof Grid<?> grid) {
                int size = GridKt._size(grid);
                for (int row = 0; row < size; row++) {
                    all.append(GridKt._getFormattedRow(grid, row)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private SignedIn.Http http() {
        return new SignedIn.Http(port);
    }
}
