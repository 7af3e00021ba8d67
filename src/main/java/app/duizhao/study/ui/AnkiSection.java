package app.duizhao.study.ui;

import app.duizhao.study.AnkiDeck;
import app.duizhao.study.VocabularyDecks;
import app.duizhao.study.VocabularyEntry;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Anki and back" on {@code /vocabulary} (issue 16): the whole vocabulary, the words due for review or one article's
 * as an Anki TSV or an {@code .apkg} deck; and a known-words list pasted in (one word a line, or an Anki, Pleco or
 * LingQ export) marks those words known.
 */
public class AnkiSection extends Div {

    private final VocabularyDecks decks;
    private final Select<String> scope = new Select<>();
    private final Map<String, Long> articles = new LinkedHashMap<>();
    private final Span result = new Span();

    public AnkiSection(VocabularyDecks decks, List<VocabularyEntry> entries, java.util.function.LongFunction<String> title) {
        this.decks = decks;
        addClassName("dz-anki");
        setId("anki");
        scope.setId("anki-scope");
        scope.setLabel("Words");
        entries.stream().map(VocabularyEntry::articleId).filter(java.util.Objects::nonNull).distinct()
                .forEach(id -> articles.put("Article: " + title.apply(id), id));
        List<String> items = new java.util.ArrayList<>(List.of("All", "Due for review"));
        items.addAll(articles.keySet());
        scope.setItems(items);
        scope.setValue("All");
        Anchor tsv = new Anchor(DownloadHandler.fromInputStream(request -> {
            byte[] bytes = AnkiDeck.tsv(notes(), "duizhao").getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "duizhao-vocabulary.tsv",
                    "text/tab-separated-values; charset=UTF-8", bytes.length);
        }), "Anki TSV");
        tsv.setId("anki-tsv");
        tsv.getElement().setAttribute("download", true);
        Anchor apkg = new Anchor(DownloadHandler.fromInputStream(request -> {
            byte[] bytes = AnkiDeck.apkg(notes(), "Duizhao vocabulary", System.currentTimeMillis());
            return new DownloadResponse(new ByteArrayInputStream(bytes), "duizhao-vocabulary.apkg",
                    "application/octet-stream", bytes.length);
        }), "Anki deck (.apkg)");
        apkg.setId("anki-apkg");
        apkg.getElement().setAttribute("download", true);
        Div export = new Div(scope, tsv, apkg);
        export.addClassName("dz-vocab-learning");

        TextArea list = new TextArea("Words I know (one a line, or an Anki, Pleco or LingQ export)");
        list.setId("known-list");
        list.setWidthFull();
        list.setMaxHeight("12rem");
        Button importKnown = new Button("Mark these known", e -> {
            int[] counts = decks.importKnown(list.getValue() == null ? "" : list.getValue());
            result.setText(counts[0] + " words read, " + counts[1] + " newly marked known.");
            list.clear();
        });
        importKnown.setId("known-import");
        result.setId("known-result");
        result.addClassName("dz-hint");
        add(new H3("Anki and back"), export, list, new Div(importKnown, result));
    }

    private List<AnkiDeck.Note> notes() {
        String chosen = scope.getValue() == null ? "All" : scope.getValue();
        if (chosen.equals("Due for review")) {
            return decks.notes(VocabularyDecks.Scope.DUE, null);
        }
        Long article = articles.get(chosen);
        return article != null ? decks.notes(VocabularyDecks.Scope.ARTICLE, article)
                : decks.notes(VocabularyDecks.Scope.ALL, null);
    }
}
