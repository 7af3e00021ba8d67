package app.duizhao.reader.ui;

import app.duizhao.account.CurrentUser;
import app.duizhao.study.StudyService;
import app.duizhao.study.VocabularyService;
import app.duizhao.study.WordStatus;
import app.duizhao.study.ui.ChineseHtml;
import app.duizhao.study.ui.ReaderPreferencesBar;
import com.vaadin.flow.component.UI;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The words of an article's blocks for the study tools: segments each block (at once for a short article, in the
 * background from the reading position on for a long one), keeps each block's word boundaries (a few bytes per word
 * instead of a String per word) and renders the rows' Chinese cells as word spans with or without pinyin.
 */
final class StudyWords {

    /** Articles up to this many characters get their words while the reader is built; longer ones in the background. */
    static final int INLINE_CHARS = 6_000;
    /** Blocks per push while words are prepared in the background. */
    private static final int BATCH_BLOCKS = 40;

    private final StudyService study;
    private final VocabularyService vocabulary;
    private final CurrentUser currentUser;
    private final Map<Integer, int[]> words = new HashMap<>();
    private final Map<Integer, String> texts = new LinkedHashMap<>();
    private Map<Integer, BlockRow> rows = Map.of();
    private ReaderPreferencesBar bar;
    private boolean pinyin;
    private AtomicBoolean preparing;

    StudyWords(StudyService study, VocabularyService vocabulary, CurrentUser currentUser) {
        this.study = study;
        this.vocabulary = vocabulary;
        this.currentUser = currentUser;
    }

    /** Starts over with these blocks' texts (by position) shown in {@code rows}; returns their length. */
    int reset(Map<Integer, String> blockTexts, Map<Integer, BlockRow> rows, ReaderPreferencesBar bar,
              boolean pinyin) {
        stopPreparing();
        words.clear();
        texts.clear();
        texts.putAll(blockTexts);
        this.rows = rows;
        this.bar = bar;
        this.pinyin = pinyin;
        return texts.values().stream().mapToInt(String::length).sum();
    }

    /** Segments every block now and renders it. */
    void prepareNow() {
        texts.forEach((block, text) -> words.put(block, ends(study.words(text))));
        renderAll();
    }

    void setPinyin(boolean shown) {
        pinyin = shown;
        renderAll();
    }

    /**
     * Segments the blocks on a worker thread, from the reading position on, and shows each batch as it is ready;
     * the rows show their plain text meanwhile and the bar counts the blocks done. {@code ready} runs (in the UI)
     * once every block has its words.
     */
    void prepareInBackground(int from, long articleId, Runnable ready) {
        UI ui = UI.getCurrent();
        AtomicBoolean running = new AtomicBoolean(true);
        preparing = running;
        List<Integer> order = new ArrayList<>(texts.keySet());
        int start = 0;
        while (start < order.size() && order.get(start) < from) {
            start++;
        }
        Collections.rotate(order, -start);
        Map<Integer, String> blockTexts = Map.copyOf(texts);
        int total = order.size();
        bar.showPreparing(0, total);
        Thread.ofVirtual().name("study-words-" + articleId).start(currentUser.wrap(() -> {
            Map<Integer, int[]> batch = new LinkedHashMap<>();
            int done = 0;
            long pushed = System.nanoTime();
            try {
                for (int block : order) {
                    if (!running.get()) {
                        return;
                    }
                    batch.put(block, ends(study.words(blockTexts.get(block))));
                    done++;
                    if (batch.size() >= BATCH_BLOCKS || done == total || System.nanoTime() - pushed > 150_000_000L) {
                        Map<Integer, int[]> prepared = Map.copyOf(batch);
                        int count = done;
                        batch.clear();
                        pushed = System.nanoTime();
                        ui.access(() -> showPrepared(running, prepared, count, total, ready));
                    }
                }
            } catch (RuntimeException e) {
                ui.access(() -> {
                    if (running.get()) {
                        bar.showPreparingFailed();
                    }
                });
            }
        }));
    }

    private void showPrepared(AtomicBoolean running, Map<Integer, int[]> prepared, int done, int total,
                              Runnable ready) {
        if (!running.get() || running != preparing) {
            return;
        }
        Map<String, WordStatus> statuses = vocabulary.statuses();
        prepared.forEach((block, ends) -> {
            if (words.putIfAbsent(block, ends) == null) { // a correction meanwhile segmented it already
                render(block, statuses);
            }
        });
        if (done < total) {
            bar.showPreparing(done, total);
        } else {
            preparing = null;
            ready.run();
        }
    }

    void stopPreparing() {
        if (preparing != null) {
            preparing.set(false);
            preparing = null;
        }
    }

    /** Whether words are still being prepared in the background. */
    boolean preparing() {
        return preparing != null;
    }

    /** Whether every block has its words. */
    boolean allReady() {
        return preparing == null && words.size() == texts.size();
    }

    private static int[] ends(List<String> list) {
        int[] ends = new int[list.size()];
        int at = 0;
        for (int i = 0; i < ends.length; i++) {
            at += list.get(i).length();
            ends[i] = at;
        }
        return ends;
    }

    /** The words of a block, cut from its text; {@code null} for an image or unknown block. */
    List<String> words(int position) {
        int[] ends = words.get(position);
        String text = texts.get(position);
        if (ends == null || text == null) {
            return null;
        }
        List<String> list = new ArrayList<>(ends.length);
        int start = 0;
        for (int end : ends) {
            list.add(text.substring(start, end));
            start = end;
        }
        return list;
    }

    /** Where word {@code index} of block {@code position} starts in the block's text. */
    int offsetOf(int position, int index) {
        return index <= 0 ? 0 : words.get(position)[index - 1];
    }

    /** Every block's words, in order (for the level profile). */
    List<List<String>> all() {
        List<List<String>> all = new ArrayList<>(words.size());
        words.keySet().forEach(position -> all.add(words(position)));
        return all;
    }

    /** The distinct Chinese words of the article, in order of first appearance. */
    List<String> distinct() {
        Set<String> distinct = new LinkedHashSet<>();
        for (int block : texts.keySet()) {
            List<String> list = words(block);
            if (list != null) {
                for (String w : list) {
                    if (StudyService.isChinese(w)) {
                        distinct.add(w);
                    }
                }
            }
        }
        return new ArrayList<>(distinct);
    }

    void renderAll() {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        words.keySet().forEach(position -> render(position, statuses));
    }

    private void render(int position, Map<String, WordStatus> statuses) {
        BlockRow row = rows.get(position);
        List<String> list = words(position);
        if (row == null || list == null) {
            return;
        }
        row.showChinese(ChineseHtml.render(list, pinyin, study, statuses));
    }

    /** Re-renders the blocks that contain one of {@code changed}. */
    void renderBlocksWith(String... changed) {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        words.keySet().forEach(position -> {
            List<String> list = words(position);
            for (String w : changed) {
                if (w != null && list.contains(w)) {
                    render(position, statuses);
                    return;
                }
            }
        });
    }

    /** Segments every block again (after a correction); returns the words of the blocks that changed. */
    Set<String> resegment() {
        Map<String, WordStatus> statuses = vocabulary.statuses();
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<Integer, String> block : texts.entrySet()) {
            int[] fresh = ends(study.words(block.getValue()));
            if (!Arrays.equals(fresh, words.get(block.getKey()))) {
                words.put(block.getKey(), fresh);
                render(block.getKey(), statuses);
                changed.addAll(words(block.getKey()));
            }
        }
        return changed;
    }
}
