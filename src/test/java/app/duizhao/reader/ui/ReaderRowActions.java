package app.duizhao.reader.ui;

import com.vaadin.flow.component.html.Div;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;

/** The reader's row buttons (plain HTML with one listener on the table), for Karibu tests in other packages. */
public final class ReaderRowActions {

    private ReaderRowActions() {
    }

    /** Clicks the button {@code action} ("compare", "note", "edit", "retranslate") of row {@code row}. */
    public static void click(ReaderView reader, int row, String action) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put(BlockRow.ROW_ACTION, action);
        data.put(ReaderStudy.ROW_INDEX, row);
        data.put(ReaderStudy.WORD_INDEX, -1);
        data.put(BlockRow.ROW_ACTION_FILTER, true);
        _fireDomEvent(_get(Div.class, spec -> spec.withId("rows")), "click", data);
    }

    /** All text row {@code row} shows (with its opened panels). */
    public static String text(ReaderView reader, int row) {
        return reader.rows().get(row).getElement().getTextRecursively();
    }
}
