package app.duizhao.study.ui;

import app.duizhao.base.Html;
import app.duizhao.chinese.Syllable;
import app.duizhao.study.StudyService;
import app.duizhao.study.WordStatus;
import org.jsoup.parser.Parser;

import java.util.List;
import java.util.Map;

/**
 * Renders a Chinese block as HTML word spans, built on the server and set as the block's {@code innerHTML}: one
 * property per block instead of a component per word (thousands of components would cost memory in every session).
 * All text is HTML-escaped.
 *
 * <p>A Chinese word is {@code <span class="dz-w" data-i="N" data-h="L">…</span>}: N its index in the block, L its
 * HSK level (0 beyond HSK); {@code dz-new} (not in the vocabulary) or {@code dz-learning} mark words not yet known.
 * With pinyin, each word carries ruby with the word's own reading, syllable by syllable, with tone classes
 * {@code dz-t1}…{@code dz-t5}. Without pinyin the text content of the block is exactly its text.
 */
public final class ChineseHtml {

    private ChineseHtml() {
    }

    /** The HTML of a block's words. */
    public static String render(List<String> words, boolean pinyin, StudyService study, Map<String, WordStatus> statuses) {
        StringBuilder html = new StringBuilder(words.size() * 48);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!StudyService.isChinese(word)) {
                escape(word, html);
                continue;
            }
            WordStatus status = statuses.get(word);
            html.append("<span class=\"dz-w")
                    .append(status == null ? " dz-new" : status == WordStatus.LEARNING ? " dz-learning" : "")
                    .append("\" data-i=\"").append(i).append("\" data-h=\"").append(study.hskLevel(word)).append("\">");
            if (pinyin) {
                ruby(word, study.pinyin(word), html);
            } else {
                escape(word, html);
            }
            html.append("</span>");
        }
        return html.toString();
    }

    /** One ruby per character when the syllables match the characters, else one for the whole word. */
    private static void ruby(String word, List<Syllable> syllables, StringBuilder html) {
        int[] chars = word.codePoints().toArray();
        html.append("<ruby>");
        if (chars.length == syllables.size()) {
            for (int c = 0; c < chars.length; c++) {
                Syllable s = syllables.get(c);
                html.append("<span class=\"dz-t").append(s.tone()).append("\">");
                escape(Character.toString(chars[c]), html);
                html.append("</span><rt class=\"dz-t").append(s.tone()).append("\">");
                escape(s.text(), html);
                html.append("</rt>");
            }
        } else {
            escape(word, html);
            html.append("<rt>");
            for (int k = 0; k < syllables.size(); k++) {
                if (k > 0) {
                    html.append(' ');
                }
                html.append("<span class=\"dz-t").append(syllables.get(k).tone()).append("\">");
                escape(syllables.get(k).text(), html);
                html.append("</span>");
            }
            html.append("</rt>");
        }
        html.append("</ruby>");
    }

    /** Escapes text for HTML content and attribute values (jsoup's escaper, through {@link Html}). */
    public static void escape(String text, StringBuilder out) {
        out.append(Html.escape(text));
    }

    /** The text of rendered HTML without tags and ruby text, entities decoded (for tests and checks). */
    public static String plainText(String html) {
        String s = html.replaceAll("<rt[^>]*>.*?</rt>", "").replaceAll("<[^>]+>", "");
        return Parser.unescapeEntities(s, false);
    }
}
