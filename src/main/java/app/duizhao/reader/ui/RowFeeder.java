package app.duizhao.reader.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Div;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts an article's rows into its table a screenful first: the rows up to the reading position and a screen more
 * go out with the page, the rest follow in pushed batches, so a long article shows at once instead of after the
 * browser has built hundreds of rows. The rows exist on the server from the start; only their sending is spread.
 */
final class RowFeeder {

    /** Rows sent with the page beyond the reading position. */
    static final int FIRST = 40;
    /** Rows per push after that. */
    static final int BATCH = 120;
    private static final long PAUSE_MILLIS = 20;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean done;

    private RowFeeder() {
    }

    /** Adds {@code rows} (in order) to {@code table}: those up to {@code from} + {@link #FIRST} now, the rest pushed. */
    static RowFeeder feed(Div table, List<BlockRow> rows, int from) {
        RowFeeder feeder = new RowFeeder();
        int first = Math.min(rows.size(), Math.max(0, from) + FIRST);
        rows.subList(0, first).forEach(table::add);
        if (first == rows.size()) {
            feeder.done = true;
            return feeder;
        }
        UI ui = UI.getCurrent();
        List<BlockRow> rest = List.copyOf(rows.subList(first, rows.size()));
        Thread.ofVirtual().name("reader-rows").start(() -> {
            try {
                for (int at = 0; at < rest.size() && feeder.running.get(); at += BATCH) {
                    List<BlockRow> batch = rest.subList(at, Math.min(rest.size(), at + BATCH));
                    boolean last = at + BATCH >= rest.size();
                    // One push per batch, and a breath between them: the browser shows what it has meanwhile.
                    ui.access(() -> {
                        if (feeder.running.get()) {
                            batch.forEach(table::add);
                            feeder.done = last;
                        }
                    }).get();
                    Thread.sleep(PAUSE_MILLIS);
                }
            } catch (UIDetachedException | java.util.concurrent.ExecutionException e) {
                // The reader was closed meanwhile.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return feeder;
    }

    /** Whether every row is in the table. */
    boolean done() {
        return done;
    }

    /** Stops sending rows (the view was left or rebuilt). */
    void stop() {
        running.set(false);
    }
}
