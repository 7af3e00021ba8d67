package app.duizhao.translation;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a streamed answer of the form {@code <segment id="3">English…</segment>} incrementally, token by token.
 * Tags may be split across chunks. Tolerates chatter before, between and after segments, whitespace, ids out of
 * order, ids that were not asked for (ignored), duplicate ids (the first wins), a segment that is never closed
 * (closed by the next opening tag, or at {@link #finish()}).
 *
 * <p>Not thread-safe: feed it from one thread at a time.
 */
public final class SegmentStreamParser {

    /** Receives parse events. */
    public interface Listener {
        /** The (unescaped, trimmed) text of segment {@code id} so far. */
        void partial(int id, String textSoFar);

        /** Segment {@code id} is closed. */
        void completed(int id, String text);
    }

    private static final Pattern OPEN = Pattern.compile(
            "<\\s*segment\\s+id\\s*=\\s*[\"']?\\s*(\\d{1,9})\\s*[\"']?\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSE = Pattern.compile("<\\s*/\\s*segment\\s*>", Pattern.CASE_INSENSITIVE);
    /** A tag that may still grow into an opening or closing segment tag. */
    private static final Pattern TRAILING_TAG_FRAGMENT = Pattern.compile(
            "<\\s*/?\\s*(s(e(g(m(e(n(t([\\s=\"'\\d]*|\\s+i(d[\\s=\"'\\d]*)?)?)?)?)?)?)?)?)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_ENTITY_FRAGMENT = Pattern.compile("&#?[a-zA-Z0-9]{0,8}$");

    private final Set<Integer> expected;
    private final Listener listener;
    private final StringBuilder buffer = new StringBuilder();
    private final Set<Integer> completed = new LinkedHashSet<>();
    private final Set<Integer> seen = new HashSet<>();

    private int scanFrom;
    private Integer openId;
    private int contentStart;
    private String lastPartial = "";
    private boolean sawTag;
    private boolean finished;

    /**
     * @param expected the ids asked for; others are ignored ({@code null} accepts any id)
     * @param listener receives partial and completed segments
     */
    public SegmentStreamParser(Set<Integer> expected, Listener listener) {
        this.expected = expected == null ? null : Set.copyOf(expected);
        this.listener = listener;
    }

    /** Feeds the next chunk of the answer. */
    public void accept(String chunk) {
        if (finished || chunk == null || chunk.isEmpty()) {
            return;
        }
        buffer.append(chunk);
        parse(false);
    }

    /** The stream ended normally: a segment still open is completed with what it has. */
    public void finish() {
        if (finished) {
            return;
        }
        parse(true);
        finished = true;
    }

    /** Ids completed so far, in the order they completed. */
    public Set<Integer> completedIds() {
        return Set.copyOf(completed);
    }

    public boolean isCompleted(int id) {
        return completed.contains(id);
    }

    /** Whether the answer contained at least one opening segment tag. */
    public boolean sawAnyTag() {
        return sawTag;
    }

    /** Everything received so far, raw. */
    public String rawText() {
        return buffer.toString();
    }

    private void parse(boolean atEnd) {
        while (true) {
            if (openId == null) {
                Matcher open = OPEN.matcher(buffer);
                if (open.find(scanFrom)) {
                    sawTag = true;
                    openId = Integer.parseInt(open.group(1));
                    contentStart = open.end();
                    scanFrom = open.end();
                    lastPartial = "";
                    continue;
                }
                // Keep a '<' that may start a tag split across chunks; skip the rest.
                int lt = buffer.lastIndexOf("<");
                scanFrom = lt >= scanFrom ? lt : buffer.length();
                return;
            }
            Matcher close = CLOSE.matcher(buffer);
            Matcher nextOpen = OPEN.matcher(buffer);
            boolean hasClose = close.find(contentStart);
            boolean hasNextOpen = nextOpen.find(contentStart);
            if (hasClose && (!hasNextOpen || close.start() <= nextOpen.start())) {
                complete(openId, buffer.substring(contentStart, close.start()));
                openId = null;
                scanFrom = close.end();
                continue;
            }
            if (hasNextOpen) {
                // The model forgot the closing tag: the next opening tag ends this segment.
                complete(openId, buffer.substring(contentStart, nextOpen.start()));
                openId = null;
                scanFrom = nextOpen.start();
                continue;
            }
            String content = buffer.substring(contentStart);
            if (atEnd) {
                complete(openId, stripTrailingFragment(content));
                openId = null;
                scanFrom = buffer.length();
                return;
            }
            reportPartial(openId, stripTrailingFragment(content));
            return;
        }
    }

    private boolean wanted(int id) {
        return (expected == null || expected.contains(id)) && !completed.contains(id);
    }

    private void reportPartial(int id, String raw) {
        if (!wanted(id)) {
            return;
        }
        String text = clean(raw);
        if (!text.isEmpty() && !text.equals(lastPartial)) {
            lastPartial = text;
            listener.partial(id, text);
        }
    }

    private void complete(int id, String raw) {
        if (!wanted(id) || !seen.add(id)) {
            return; // unknown id, or a duplicate: the first wins
        }
        completed.add(id);
        listener.completed(id, clean(raw));
    }

    private static String stripTrailingFragment(String content) {
        Matcher tag = TRAILING_TAG_FRAGMENT.matcher(content);
        int lt = content.lastIndexOf('<');
        if (lt >= 0 && tag.find(lt) && tag.start() == lt) {
            content = content.substring(0, lt);
        }
        Matcher entity = TRAILING_ENTITY_FRAGMENT.matcher(content);
        if (entity.find()) {
            content = content.substring(0, entity.start());
        }
        return content;
    }

    private static String clean(String raw) {
        return PromptTemplates.unescape(raw).strip();
    }
}
