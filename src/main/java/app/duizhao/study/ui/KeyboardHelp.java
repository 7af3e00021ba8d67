package app.duizhao.study.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** The reader's keyboard shortcuts, shown by the {@code ?} key. */
public class KeyboardHelp extends Dialog {

    /** Each key with what it does. */
    public static final String[][] KEYS = {
            {"j", "Next block"},
            {"k", "Previous block"},
            {"t", "Translate: show the current block's English (and start translating if there is none yet)"},
            {"p", "Pinyin on or off"},
            {"Esc", "Close the dictionary popup"},
            {"?", "This help"},
    };

    public KeyboardHelp() {
        setHeaderTitle("Keyboard");
        setId("keys-dialog");
        Div list = new Div();
        list.addClassName("dz-keys");
        for (String[] key : KEYS) {
            Div row = new Div();
            row.addClassName("dz-key-row");
            Span k = new Span(key[0]);
            k.addClassName("dz-key");
            row.add(k, new Span(key[1]));
            list.add(row);
        }
        Div hint = new Div(new Span("Click a Chinese word for its dictionary entry; select a sentence and press "
                + "\"Explain selection\" to have it explained."));
        hint.addClassName("dz-hint");
        add(list, hint);
        Button close = new Button("Close", e -> close());
        close.setId("keys-close");
        getFooter().add(close);
    }
}
