package app.duizhao.reader.ui;

import com.vaadin.flow.dom.DomEvent;

/** Reads the data a DOM event listener asked for (Karibu sends only what a test puts, so each may be absent). */
final class EventData {

    private EventData() {
    }

    /** A number of the event data, or -1 when absent. */
    static int number(DomEvent event, String key) {
        return number(event, key, -1);
    }

    static int number(DomEvent event, String key, int absent) {
        var value = event.getEventData().get(key);
        return value == null ? absent : value.asInt(absent);
    }

    /** A string of the event data, or empty. */
    static String text(DomEvent event, String key) {
        var value = event.getEventData().get(key);
        return value == null ? "" : value.asString("");
    }
}
