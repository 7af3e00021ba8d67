package app.duizhao.study.ui;

import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.chinese.DictionaryEntry;
import app.duizhao.study.StudyService;
import app.duizhao.study.WordLookup;
import app.duizhao.study.WordStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the browser needs to open the dictionary popup by itself, for an article's distinct words, as compact JSON
 * (sent once per opened article, so a click never waits for the server):
 *
 * <pre>{"e": {"大使": [["大使", "大使", "dà shǐ", ["ambassador", "envoy"]]], "大": [...], ...},
 *  "w": {"大使": {"h": 4, "c": 0, "v": 0}, "行": {"h": 1, "c": 3, "v": 1, "o": [1, 0]}, ...}}</pre>
 *
 * <p>{@code e}: CC-CEDICT entries by word or character in dictionary order (traditional, simplified, pinyin with
 * tone marks, definitions made readable); a character of a word that is not in CC-CEDICT has no key. {@code w}: for
 * each word, its HSK level {@code h}, the definition offered first {@code c} (its index in the popup's list), the
 * vocabulary status {@code v} (0 none, 1 learning, 2 known), the popup's entry order {@code o} when it differs from
 * the dictionary's (the reading that fits the word first), and the reading {@code p} of a word CC-CEDICT lacks.
 * Everything comes from {@link StudyService#lookup(String)}, exactly as the server-side popup shows it.
 */
public final class PopupDictionary {

    private PopupDictionary() {
    }

    /** The popup data of {@code words} (Chinese words; others are skipped). */
    public static String json(StudyService study, ChineseDictionary dictionary, Collection<String> words) {
        Map<String, List<DictionaryEntry>> entries = new LinkedHashMap<>();
        StringBuilder w = new StringBuilder(words.size() * 32);
        for (String word : words) {
            if (!StudyService.isChinese(word)) {
                continue;
            }
            WordLookup lookup = study.lookup(word);
            List<DictionaryEntry> raw = dictionary.lookup(word);
            if (!raw.isEmpty()) {
                entries.putIfAbsent(word, raw);
            }
            for (WordLookup.CharacterEntries ch : lookup.characters()) {
                if (!ch.entries().isEmpty()) {
                    entries.putIfAbsent(ch.character(), ch.entries());
                }
            }
            w.append(w.isEmpty() ? "" : ",");
            quote(word, w);
            w.append(":");
            word(lookup, raw, w);
        }
        StringBuilder json = new StringBuilder(w.length() + entries.size() * 96 + 32);
        json.append("{\"e\":{");
        boolean first = true;
        for (Map.Entry<String, List<DictionaryEntry>> e : entries.entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            quote(e.getKey(), json);
            json.append(":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                DictionaryEntry entry = e.getValue().get(i);
                json.append(i == 0 ? "[" : ",[");
                quote(entry.traditional(), json);
                json.append(',');
                quote(entry.simplified(), json);
                json.append(',');
                quote(entry.pinyin(), json);
                json.append(",[");
                for (int d = 0; d < entry.definitions().size(); d++) {
                    json.append(d == 0 ? "" : ",");
                    quote(StudyService.readable(entry.definitions().get(d)), json);
                }
                json.append("]]");
            }
            json.append(']');
        }
        json.append("},\"w\":{").append(w).append("}}");
        return json.toString();
    }

    /** The vocabulary status of each of {@code words} as {@code {"word": v}} (0 none, 1 learning, 2 known). */
    public static String statuses(StudyService study, Collection<String> words) {
        StringBuilder json = new StringBuilder("{");
        for (String word : words) {
            if (StudyService.isChinese(word)) {
                json.append(json.length() > 1 ? "," : "");
                quote(word, json);
                json.append(':').append(status(study.lookup(word)));
            }
        }
        return json.append('}').toString();
    }

    private static void word(WordLookup lookup, List<DictionaryEntry> raw, StringBuilder json) {
        List<String> definitions = new ArrayList<>();
        for (DictionaryEntry entry : lookup.entries()) {
            for (String d : entry.definitions()) {
                definitions.add(StudyService.readable(d));
            }
        }
        json.append("{\"h\":").append(lookup.hskLevel())
                .append(",\"c\":").append(Math.max(0, definitions.indexOf(lookup.definition())))
                .append(",\"v\":").append(status(lookup));
        if (!lookup.entries().equals(raw)) {
            json.append(",\"o\":[");
            for (int i = 0; i < lookup.entries().size(); i++) {
                json.append(i == 0 ? "" : ",").append(raw.indexOf(lookup.entries().get(i)));
            }
            json.append(']');
        }
        if (lookup.entries().isEmpty() && !lookup.pinyin().isEmpty()) {
            json.append(",\"p\":");
            quote(lookup.pinyin(), json);
        }
        json.append('}');
    }

    private static int status(WordLookup lookup) {
        return lookup.vocabulary().map(entry -> entry.status() == WordStatus.KNOWN ? 2 : 1).orElse(0);
    }

    /** Appends {@code s} as a JSON string. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
