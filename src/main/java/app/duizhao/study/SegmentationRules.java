package app.duizhao.study;

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

/**
 * The user's corrections of the segmenter, remembered for every article: a word split into parts, or neighbouring
 * words merged into one. Kept in memory (a few rules) and applied to every segmentation.
 */
@Component
class SegmentationRules {

    static final String SPLIT = "SPLIT";
    static final String MERGE = "MERGE";
    private static final String SEPARATOR = "|";
    private static final int MAX_PASSES = 8;

    private final JdbcClient jdbc;
    private volatile Rules rules;

    SegmentationRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        String joined = String.join(SEPARATOR, parts);
        int undone = jdbc.sql("DELETE FROM segmentation_rule WHERE kind = ? AND word = ? AND parts = ?")
                .params(MERGE, word, joined).update();
        jdbc.sql("DELETE FROM segmentation_rule WHERE kind = ? AND word = ?").params(MERGE, word).update();
        jdbc.sql("DELETE FROM segmentation_rule WHERE kind = ? AND word = ?").params(SPLIT, word).update();
        if (undone == 0) {
            insert(SPLIT, word, joined);
        }
        rules = null;
    }

    /** Remembers that {@code parts}, next to each other, are one word; undoes a split that made them, if any. */
    @Transactional
    void merge(List<String> parts) {
        String word = String.join("", parts);
        String joined = String.join(SEPARATOR, parts);
        int undone = jdbc.sql("DELETE FROM segmentation_rule WHERE kind = ? AND word = ? AND parts = ?")
                .params(SPLIT, word, joined).update();
        if (undone == 0) {
            jdbc.sql("DELETE FROM segmentation_rule WHERE kind = ? AND word = ? AND parts = ?")
                    .params(MERGE, word, joined).update();
            insert(MERGE, word, joined);
        }
        rules = null;
    }

    /** How many rules are stored. */
    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM segmentation_rule").query(Integer.class).single();
    }

    private void insert(String kind, String word, String parts) {
        jdbc.sql("INSERT INTO segmentation_rule (kind, word, parts, created_at) VALUES (?,?,?,?)")
                .params(kind, word, parts, OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** Drops the in-memory rules (after the table was changed behind this object's back, e.g. by tests). */
    void forget() {
        rules = null;
    }

    private Rules rules() {
        Rules r = rules;
        if (r == null) {
            Map<String, List<String>> splits = new HashMap<>();
            Map<String, List<List<String>>> merges = new HashMap<>();
            jdbc.sql("SELECT kind, word, parts FROM segmentation_rule ORDER BY id").query((rs, n) -> {
                List<String> parts = List.of(rs.getString(3).split("\\" + SEPARATOR));
                if (SPLIT.equals(rs.getString(1))) {
                    splits.put(rs.getString(2), parts);
                } else if (parts.size() > 1) {
                    merges.computeIfAbsent(parts.getFirst(), k -> new ArrayList<>()).add(parts);
                }
                return null;
            }).list();
            r = new Rules(Map.copyOf(splits), Map.copyOf(merges));
            rules = r;
        }
        return r;
    }

    static List<String> splitAt(String word, int at) {
        return Arrays.asList(word.substring(0, at), word.substring(at));
    }
}
