package app.duizhao.translation;

import java.util.Locale;

/**
 * Separates reasoning written inside the answer from the answer itself, as it streams. vLLM without a reasoning
 * parser, the llama.cpp server, LM Studio and older Ollama releases send a reasoning model's thinking as
 * {@code <think>…</think>} at the start of the content. Text inside the tags (also when the answer is cut before the
 * closing tag) is reasoning; only what follows is the answer. A closing tag without an opening one (chat templates
 * that open {@code <think>} in the prompt, as DeepSeek-R1's does) makes everything before it reasoning:
 * {@link #answer()} then holds only what follows, and {@link #sawOrphanClose()} says so, so callers that acted on
 * the streamed text can start again from the final answer.
 *
 * <p>Not thread-safe.
 */
final class ThinkFilter {

    private static final String[] OPEN = {"<think>", "<thinking>", "<reasoning>"};

    /** Receives the answer and the reasoning as they are recognised. */
    interface Sink {
        void answer(String delta);

        void reasoning(String delta);

        /** A stray closing tag showed that the answer so far was reasoning: forget it. */
        default void restart() {
        }
    }

    private enum State { START, THINKING, ANSWER }

    private final Sink sink;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private State state = State.START;
    private String closeTag;
    private boolean orphanClose;

    ThinkFilter(Sink sink) {
        this.sink = sink;
    }

    void accept(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        pending.append(chunk);
        drain(false);
    }

    /** The stream ended: what is still held back is decided. */
    void finish() {
        drain(true);
    }

    /** The answer without any reasoning (after a stray closing tag: only what follows it). */
    String answer() {
        return answer.toString();
    }

    String reasoning() {
        return reasoning.toString();
    }

    /** Whether the answer was still inside its reasoning when the stream ended. */
    boolean endedInsideReasoning() {
        return state == State.THINKING;
    }

    boolean sawOrphanClose() {
        return orphanClose;
    }

    private void drain(boolean atEnd) {
        while (pending.length() > 0) {
            switch (state) {
                case START -> {
                    String lead = pending.toString().stripLeading();
                    if (lead.isEmpty() && !atEnd) {
                        return;
                    }
                    String lower = lead.toLowerCase(Locale.ROOT);
                    String open = null;
                    boolean maybe = false;
                    for (String tag : OPEN) {
                        if (lower.startsWith(tag)) {
                            open = tag;
                        } else if (tag.startsWith(lower)) {
                            maybe = true;
                        }
                    }
                    if (open != null) {
                        state = State.THINKING;
                        closeTag = "</" + open.substring(1);
                        pending.setLength(0);
                        pending.append(lead.substring(open.length()));
                    } else if (maybe && !atEnd) {
                        return;
                    } else {
                        state = State.ANSWER;
                    }
                }
                case THINKING -> {
                    String text = pending.toString();
                    int close = text.toLowerCase(Locale.ROOT).indexOf(closeTag);
                    if (close >= 0) {
                        emitReasoning(text.substring(0, close));
                        pending.setLength(0);
                        pending.append(text.substring(close + closeTag.length()).stripLeading());
                        state = State.ANSWER;
                        continue;
                    }
                    int keep = atEnd ? 0 : heldTail(text, closeTag);
                    emitReasoning(text.substring(0, text.length() - keep));
                    pending.delete(0, text.length() - keep);
                    return;
                }
                case ANSWER -> {
                    String text = pending.toString();
                    int close = text.toLowerCase(Locale.ROOT).indexOf("</think>");
                    if (close >= 0) {
                        // Everything so far was reasoning whose opening tag the template wrote.
                        orphanClose = true;
                        reasoning.append(answer).append(text, 0, close);
                        answer.setLength(0);
                        sink.restart();
                        pending.setLength(0);
                        pending.append(text.substring(close + "</think>".length()).stripLeading());
                        continue;
                    }
                    int keep = atEnd ? 0 : heldTail(text, "</think>");
                    String out = text.substring(0, text.length() - keep);
                    pending.delete(0, out.length());
                    if (!out.isEmpty()) {
                        answer.append(out);
                        sink.answer(out);
                    }
                    return;
                }
            }
        }
    }

    private void emitReasoning(String text) {
        if (!text.isEmpty()) {
            reasoning.append(text);
            sink.reasoning(text);
        }
    }

    /** How many trailing characters might be the start of {@code tag} and so wait for the next chunk. */
    private static int heldTail(String text, String tag) {
        int max = Math.min(text.length(), tag.length() - 1);
        String lower = text.toLowerCase(Locale.ROOT);
        for (int n = max; n > 0; n--) {
            if (tag.startsWith(lower.substring(lower.length() - n))) {
                return n;
            }
        }
        return 0;
    }
}
