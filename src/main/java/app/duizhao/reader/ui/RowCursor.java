package app.duizhao.reader.ui;

import app.duizhao.study.DisplayMode;
import app.duizhao.study.ReaderPreferences;
import com.vaadin.flow.component.html.Div;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The study tools' current block (j/k) and the display classes of the rows. */
final class RowCursor {

    private RowCursor() {
    }

    /** The block {@code step} rows from {@code current} (the first if none is current; -1 if there are no rows). */
    static int next(Map<Integer, BlockRow> rows, int current, int step) {
        List<Integer> positions = new ArrayList<>(rows.keySet());
        if (positions.isEmpty()) {
            return -1;
        }
        int at = positions.indexOf(current);
        if (at < 0) {
            return positions.getFirst();
        }
        return positions.get(Math.clamp(at + step, 0, positions.size() - 1));
    }

    /** Marks block {@code position} as the current one instead of {@code current}; false if there is no such row. */
    static boolean select(Map<Integer, BlockRow> rows, int current, int position, boolean scroll) {
        BlockRow row = rows.get(position);
        if (row == null) {
            return false;
        }
        BlockRow previous = rows.get(current);
        if (previous != null && previous != row) {
            previous.removeClassName("dz-current");
            previous.removeClassName("dz-revealed");
        }
        row.addClassName("dz-current");
        if (scroll) {
            row.getElement().executeJs("this.scrollIntoView({block: 'center', behavior: 'instant'})");
        }
        return true;
    }

    /** Puts the reader's display preferences on the rows' table as classes and the font size. */
    static void applyPreferences(Div table, ReaderPreferences preferences, boolean pinyin) {
        for (DisplayMode mode : DisplayMode.values()) {
            table.removeClassName(modeClass(mode));
        }
        table.addClassName(modeClass(preferences.displayMode()));
        table.setClassName("dz-hsk-on", preferences.showHsk());
        table.setClassName("dz-tone-colours", preferences.toneColours());
        table.setClassName("dz-mark-new", preferences.markNewWords());
        table.setClassName("dz-pinyin-on", pinyin);
        table.setClassName("dz-lookup-hover", preferences.lookupOnHover()); // the browser opens the popup on hover
        table.getStyle().set("--dz-font-size", preferences.fontSize() + "px");
    }

    static String modeClass(DisplayMode mode) {
        return "dz-mode-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
