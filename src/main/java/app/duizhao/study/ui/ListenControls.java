package app.duizhao.study.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * "Listen" in the reader (issue 16): reads the current sentence, paragraph or the article from there aloud with the
 * browser's Web Speech API and a Chinese voice (no server, no key), highlighting the sentence being read
 * ({@code dz-speaking} on its words); the rate is adjustable and remembered in the browser. Where the browser has
 * no Chinese voice the button says so. Plugs into any view whose rows are {@code .dz-row} with a {@code .dz-zh}
 * cell of {@code .dz-w} word spans; also scrolls to {@code #block-N} when the page is opened with that fragment
 * (the review's links back to a paragraph).
 */
public class ListenControls extends Div {

    private static final String SCRIPT = script();

    public ListenControls() {
        setId("listen");
        addClassName("dz-listen");
        getElement().setProperty("innerHTML", "<span class=\"dz-listen-label\">Listen</span>"
                + "<button type=\"button\" id=\"listen-sentence\" class=\"dz-listen-button\" data-what=\"sentence\">Sentence</button>"
                + "<button type=\"button\" id=\"listen-paragraph\" class=\"dz-listen-button\" data-what=\"paragraph\">Paragraph</button>"
                + "<button type=\"button\" id=\"listen-article\" class=\"dz-listen-button\" data-what=\"article\">Article</button>"
                + "<button type=\"button\" id=\"listen-stop\" class=\"dz-listen-button\" hidden>Stop</button>"
                + "<label class=\"dz-listen-rate\">Rate <input id=\"listen-rate\" type=\"range\" min=\"0.5\" max=\"1.5\" "
                + "step=\"0.1\" value=\"0.9\" aria-label=\"Speaking rate\"><output id=\"listen-rate-value\">0.9×</output></label>"
                + "<span id=\"listen-status\" class=\"dz-hint\" role=\"status\"></span>");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        getElement().executeJs(SCRIPT, getElement());
    }

    private static String script() {
        try (InputStream in = ListenControls.class.getResourceAsStream("listen.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("listen.js is missing", e));
        }
    }
}
