package app.duizhao.annotation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a {@link DraftField#HIGHLIGHT_CONFLICT} draft: drafts are keyed by block and field, so one draft
 * holds the kept notes of all of a block's highlights, as a JSON array of entries that say which highlight and
 * quote each note was for.
 */
final class HighlightDrafts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One kept note; {@code start} is where the quote was, to find it again when the id is gone (an import). */
    record Entry(long highlightId, Side side, String exact, int start, HighlightColour colour, String note) {
    }

    private HighlightDrafts() {
    }

    static String format(List<Entry> entries) {
        ArrayNode list = JSON.createArrayNode();
        for (Entry e : entries) {
            ObjectNode node = list.addObject();
            node.put("highlightId", e.highlightId());
            node.put("side", e.side().code());
            node.put("exact", e.exact());
            node.put("start", e.start());
            node.put("colour", e.colour().code());
            node.put("note", e.note());
        }
        return JSON.writeValueAsString(list);
    }

    /**
     * The entries of a draft's text. A text that is not such a list (say, edited by hand in an export) is kept as
     * one entry for no known highlight, so its words are still shown.
     */
    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(text);
            if (list == null || !list.isArray()) {
                return unknown(text);
            }
            for (JsonNode node : list) {
                entries.add(new Entry(node.path("highlightId").asLong(-1),
                        Side.of(node.path("side").asString("zh")), node.path("exact").asString(""),
                        node.path("start").asInt(0), HighlightColour.of(node.path("colour").asString("yellow")),
                        node.path("note").isString() ? node.path("note").asString() : null));
            }
            return entries;
        } catch (JacksonException | IllegalArgumentException e) {
            return unknown(text);
        }
    }

    private static List<Entry> unknown(String text) {
        return List.of(new Entry(-1, Side.ZH, "", 0, HighlightColour.YELLOW, text));
    }
}
