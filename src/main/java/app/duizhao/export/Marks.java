package app.duizhao.export;

import app.duizhao.annotation.HighlightInfo;

import java.util.ArrayList;
import java.util.List;

/** Cuts a block's text into plain and highlighted pieces. Overlapping highlights: the earlier one wins. */
final class Marks {

    /** A piece of text, highlighted by {@code highlight} or plain when it is {@code null}. */
    record Piece(String text, HighlightInfo highlight) {
    }

    private Marks() {
    }

    static List<Piece> pieces(String text, List<HighlightInfo> anchored) {
        List<Piece> pieces = new ArrayList<>();
        if (text == null) {
            return pieces;
        }
        int at = 0;
        for (HighlightInfo h : anchored) {
            if (h.start() < at || h.end() > text.length() || h.start() >= h.end()) {
                continue;
            }
            if (h.start() > at) {
                pieces.add(new Piece(text.substring(at, h.start()), null));
            }
            pieces.add(new Piece(text.substring(h.start(), h.end()), h));
            at = h.end();
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), null));
        }
        return pieces;
    }
}
