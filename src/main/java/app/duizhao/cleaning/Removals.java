package app.duizhao.cleaning;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link RemovedFragment}s in document order. */
final class Removals {

    private final List<RemovedFragment> fragments = new ArrayList<>();

    void add(String reason, String text) {
        fragments.add(new RemovedFragment(reason, text == null ? "" : text));
    }

    List<RemovedFragment> list() {
        return fragments;
    }
}
