package app.duizhao.reader.ui;

import com.vaadin.flow.component.UI;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands streamed text from a worker thread to the UI, coalescing: while one push is pending, newer text for the
 * same key replaces older text, so a fast stream cannot flood the browser and the UI never blocks the worker.
 */
final class UiUpdates<K> {

    private final UI ui;
    private final Consumer<Map<K, String>> apply;
    private final Map<K, String> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    UiUpdates(UI ui, Consumer<Map<K, String>> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    void offer(K key, String text) {
        pending.put(key, text);
        if (scheduled.compareAndSet(false, true)) {
            ui.access(() -> {
                scheduled.set(false);
                Map<K, String> batch = Map.copyOf(pending);
                batch.forEach(pending::remove);
                apply.accept(batch);
            });
        }
    }
}
