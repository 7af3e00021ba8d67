package app.duizhao.study;

import app.duizhao.chinese.ChineseSegmenter;

import java.util.ArrayList;
import java.util.List;

/** Sentences of a paragraph: the one around a click, and its English when the translation kept the sentences. */
final class Sentences {

    private static final String SENTENCE_ENDS = "。！？!?；;\n";
    private static final String CLOSERS = "”’」』）)》〉】\"'";

    private Sentences() {
    }

    /** The sentence of {@code text} around the character at {@code offset}, trimmed, with its end mark. */
    static String sentenceAt(String text, int offset) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int at = Math.clamp(offset, 0, text.length() - 1);
        int start = at;
        while (start > 0 && SENTENCE_ENDS.indexOf(text.charAt(start - 1)) < 0
                && !(CLOSERS.indexOf(text.charAt(start - 1)) >= 0 && start > 1
                && SENTENCE_ENDS.indexOf(text.charAt(start - 2)) >= 0)) {
            start--;
        }
        int end = at;
        while (end < text.length() && SENTENCE_ENDS.indexOf(text.charAt(end)) < 0) {
            end++;
        }
        while (end < text.length() && (SENTENCE_ENDS.indexOf(text.charAt(end)) >= 0 && text.charAt(end) != '\n'
                || CLOSERS.indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return text.substring(start, end).strip();
    }

    /**
     * The English of one sentence of a paragraph: when the paragraph's Chinese and English have as many sentences,
     * the one at the same place; otherwise the whole English paragraph (a translation need not keep sentences).
     */
    static String englishOfSentence(String chineseParagraph, String sentence, String englishParagraph) {
        if (englishParagraph == null || englishParagraph.isBlank()) {
            return null;
        }
        List<String> zh = ChineseSegmenter.sentences(chineseParagraph == null ? "" : chineseParagraph);
        List<String> en = englishSentences(englishParagraph);
        int index = zh.indexOf(sentence == null ? "" : sentence.strip());
        if (index >= 0 && zh.size() == en.size()) {
            return en.get(index);
        }
        return englishParagraph.strip();
    }

    static List<String> englishSentences(String english) {
        List<String> out = new ArrayList<>();
        for (String s : english.strip().split("(?<=[.!?][\"”’')]?)\\s+(?=[\"“‘(]?[A-Z0-9])")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
