package app.duizhao.study;

import app.duizhao.account.CurrentUser;
import app.duizhao.sync.ChangeFeed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's corrections of the segmenter, remembered for every article of theirs: a word split into parts, or
 * neighbouring words merged into one. Every method works on the rules of {@link CurrentUser}. Kept in memory per
 * user (a few rules each) and applied to every segmentation.
 */
@Component
class SegmentationRules {

    static final String SPLIT = "SPLIT";
    static final String MERGE = "MERGE";
    private static final String SEPARATOR = "|";
    private static final int MAX_PASSES = 8;

    /** The change feed's topic: the item is the owner whose rules changed. */
    static final String TOPIC = "segmentation";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ChangeFeed feed;
    // Per user id; an entry is dropped whenever that user's rules change, here or on another instance.
    private final Map<Long, Rules> rules = new ConcurrentHashMap<>();

    SegmentationRules(JdbcClient jdbc, CurrentUser currentUser, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.feed = feed;
        feed.subscribe(TOPIC, owners -> owners.forEach(rules::remove));
    }

    private record Rules(Map<String, List<String>> splits, Map<String, List<List<String>>> mergesByFirst) {
    }

    /** Applies the rules to a segmentation: splits first (repeatedly, for splits of parts), then merges. */
    List<String> apply(List<String> tokens) {
        Rules r = rules();
        if (r.splits.isEmpty() && r.mergesByFirst.isEmpty()) {
            return tokens;
        }
        List<String> current = tokens;
        for (int pass = 0; pass < MAX_PASSES && !r.splits.isEmpty(); pass++) {
            List<String> next = new ArrayList<>(current.size() + 4);
            boolean changed = false;
            for (String token : current) {
                List<String> parts = r.splits.get(token);
                if (parts != null) {
                    next.addAll(parts);
                    changed = true;
                } else {
                    next.add(token);
                }
            }
            current = next;
            if (!changed) {
                break;
            }
        }
        for (int pass = 0; pass < MAX_PASSES && !r.mergesByFirst.isEmpty(); pass++) {
            List<String> next = new ArrayList<>(current.size());
            boolean changed = false;
            for (int i = 0; i < current.size(); ) {
                List<List<String>> candidates = r.mergesByFirst.get(current.get(i));
                int matched = 0;
                if (candidates != null) {
                    for (List<String> parts : candidates) {
                        if (parts.size() > matched && i + parts.size() <= current.size()
                                && current.subList(i, i + parts.size()).equals(parts)) {
                            matched = parts.size();
                        }
                    }
                }
                if (matched > 1) {
                    next.add(String.join("", current.subList(i, i + matched)));
                    i += matched;
                    changed = true;
                } else {
                    next.add(current.get(i));
                    i++;
                }
            }
            current = next;
            if (!changed) {
                break;
            }
        }
        return current;
    }

    /** Remembers that {@code word} is to be shown as {@code parts}; undoes a merge that made it, if any. */
    @Transactional
    void split(String word, List<String> parts) {
        long owner = currentUser.id();
        String joined = String.join(SEPARATOR, parts);
        int undone = jdbc.sql("DELETE FROM segmentation_rule WHERE owner_id = ? AND kind = ? AND word = ? AND parts = ?")
                .params(owner, MERGE, word, joined).update();
        jdbc.sql("DELETE FROM segmentation_rule WHERE owner_id = ? AND kind = ? AND word = ?")
                .params(owner, MERGE, word).update();
        jdbc.sql("DELETE FROM segmentation_rule WHERE owner_id = ? AND kind = ? AND word = ?")
                .params(owner, SPLIT, word).update();
        if (undone == 0) {
            insert(owner, SPLIT, word, joined);
        }
        feed.publish(TOPIC, owner);
        rules.remove(owner);
    }

    /** Remembers that {@code parts}, next to each other, are one word; undoes a split that made them, if any. */
    @Transactional
    void merge(List<String> parts) {
        long owner = currentUser.id();
        String word = String.join("", parts);
        String joined = String.join(SEPARATOR, parts);
        int undone = jdbc.sql("DELETE FROM segmentation_rule WHERE owner_id = ? AND kind = ? AND word = ? AND parts = ?")
                .params(owner, SPLIT, word, joined).update();
        if (undone == 0) {
            jdbc.sql("DELETE FROM segmentation_rule WHERE owner_id = ? AND kind = ? AND word = ? AND parts = ?")
                    .params(owner, MERGE, word, joined).update();
            insert(owner, MERGE, word, joined);
        }
        feed.publish(TOPIC, owner);
        rules.remove(owner);
    }

    /** How many rules the current user has. */
    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM segmentation_rule WHERE owner_id = ?").param(currentUser.id())
                .query(Integer.class).single();
    }

    private void insert(long owner, String kind, String word, String parts) {
        jdbc.sql("INSERT INTO segmentation_rule (kind, word, parts, created_at, owner_id) VALUES (?,?,?,?,?)")
                .params(kind, word, parts, OffsetDateTime.now(ZoneOffset.UTC), owner).update();
    }

    /** Drops the in-memory rules (after the table was changed behind this object's back, e.g. by tests). */
    void forget() {
        rules.clear();
    }

    private Rules rules() {
        long owner = currentUser.id();
        Rules r = rules.get(owner);
        if (r == null) {
            Map<String, List<String>> splits = new HashMap<>();
            Map<String, List<List<String>>> merges = new HashMap<>();
            jdbc.sql("SELECT kind, word, parts FROM segmentation_rule WHERE owner_id = ? ORDER BY id").param(owner)
                    .query((rs, n) -> {
                        List<String> parts = List.of(rs.getString(3).split("\\" + SEPARATOR));
                        if (SPLIT.equals(rs.getString(1))) {
                            splits.put(rs.getString(2), parts);
                        } else if (parts.size() > 1) {
                            merges.computeIfAbsent(parts.getFirst(), k -> new ArrayList<>()).add(parts);
                        }
                        return null;
                    }).list();
            r = new Rules(Map.copyOf(splits), Map.copyOf(merges));
            rules.put(owner, r);
        }
        return r;
    }

    static List<String> splitAt(String word, int at) {
        return Arrays.asList(word.substring(0, at), word.substring(at));
    }
}
