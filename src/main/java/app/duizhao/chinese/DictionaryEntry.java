package app.duizhao.chinese;

import java.util.List;

/**
 * One CC-CEDICT entry.
 *
 * @param traditional    the traditional form
 * @param simplified     the simplified form
 * @param pinyinNumbered the pinyin as in the file, with tone numbers, e.g. {@code Qin2 Gang1}
 * @param definitions    the English glosses, in dictionary order
 */
public record DictionaryEntry(String traditional, String simplified, String pinyinNumbered, List<String> definitions) {

    public DictionaryEntry {
        definitions = List.copyOf(definitions);
    }

    /** The pinyin with tone marks, e.g. {@code Qín Gāng}. */
    public String pinyin() {
        return Pinyin.toToneMarks(pinyinNumbered);
    }

    /** Whether this is a proper noun (CC-CEDICT writes their pinyin with a capital). */
    public boolean properNoun() {
        return !pinyinNumbered.isEmpty() && Character.isUpperCase(pinyinNumbered.charAt(0));
    }
}
