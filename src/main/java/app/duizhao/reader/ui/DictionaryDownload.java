package app.duizhao.reader.ui;

import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.study.StudyService;
import app.duizhao.study.ui.PopupDictionary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Serves an article's dictionary to the browser as JSON (gzipped when the browser takes it); the words are read
 * under the UI lock, the JSON is built outside it.
 */
final class DictionaryDownload {

    private DictionaryDownload() {
    }

    /** A handler that serves the dictionary of the words {@code distinct} returns (called under the UI lock). */
    static DownloadHandler of(StudyService study, ChineseDictionary dictionary, Supplier<List<String>> distinct) {
        return event -> {
            List<String> words = new ArrayList<>();
            UI ui = event.getUI();
            try {
                if (ui != null) {
                    ui.accessSynchronously(() -> words.addAll(distinct.get()));
                }
            } catch (UIDetachedException e) {
                event.getResponse().setStatus(410); // the reader was closed meanwhile
                return;
            }
            byte[] json = PopupDictionary.json(study, dictionary, words).getBytes(StandardCharsets.UTF_8);
            event.setContentType("application/json; charset=utf-8");
            event.getResponse().setHeader("Cache-Control", "no-store");
            String accepted = event.getRequest().getHeader("Accept-Encoding");
            try {
                if (accepted != null && accepted.contains("gzip")) {
                    event.getResponse().setHeader("Content-Encoding", "gzip");
                    try (var gzip = new GZIPOutputStream(event.getOutputStream(), 1 << 16)) {
                        gzip.write(json);
                    }
                } else {
                    event.setContentLength(json.length);
                    event.getOutputStream().write(json);
                }
            } catch (IOException e) {
                // The page was closed or left while its dictionary was on the way: nothing to do.
            }
        };
    }
}
