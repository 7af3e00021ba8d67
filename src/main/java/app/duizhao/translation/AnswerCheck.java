package app.duizhao.translation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one segment's answer before it is stored or cached: a translation that is still mostly in the source
 * language, a copy of the source, a refusal or apology instead of a translation, or wildly out of proportion to its
 * source, is not a translation. Mirrored for English to Chinese.
 */
final class AnswerCheck {

    private static final Pattern APOLOGY_EN = Pattern.compile(
            "^\\W*(i'?m sorry|i am sorry|sorry,|i apologi[sz]e|unfortunately,? i|i (?:can(?:no|')t|cannot|am unable|'m unable|won't)"
                    + "|as an ai|i'?m not able|i am not able)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern APOLOGY_ZH = Pattern.compile("^\\W*(抱歉|对不起|很抱歉|我无法|我不能|作为一个?AI|作为人工智能)");
    private static final Pattern SORRY_IN_SOURCE = Pattern.compile("(?i)(sorry|apolog|抱歉|对不起|道歉|遗憾|无法|不能)");

    private AnswerCheck() {
    }

    /**
     * Why {@code answer} is no translation of {@code source}, or {@code null} when it passes.
     */
    static String problem(String source, String answer, Direction direction) {
        String a = answer == null ? "" : answer.strip();
        String s = source == null ? "" : source.strip();
        if (a.isEmpty()) {
            return "the model gave an empty translation";
        }
        if (normalized(a).equals(normalized(s)) && !s.isEmpty() && hasLetters(s)) {
            return "the model copied the source text back";
        }
        int[] counts = scripts(a);
        int han = counts[0];
        int latin = counts[1];
        if (direction == Direction.ZH_TO_EN) {
            if (han > 0 && han > latin) {
                return "the translation is still mostly Chinese";
            }
        } else if (latin > 2 * han && latin > 8) {
            return "the translation is still mostly English";
        }
        Pattern apology = direction == Direction.ZH_TO_EN ? APOLOGY_EN : APOLOGY_ZH;
        if ((apology.matcher(a).find() || APOLOGY_EN.matcher(a).find()) && !SORRY_IN_SOURCE.matcher(s).find()) {
            return "the model answered with a refusal or an apology instead of a translation";
        }
        int sourceTokens = TokenEstimator.estimate(s);
        int answerTokens = TokenEstimator.estimate(a);
        if (answerTokens > 4 * sourceTokens + 60) {
            return "the translation is far longer than its source";
        }
        if (sourceTokens >= 60 && answerTokens * 10 < sourceTokens) {
            return "the translation is far shorter than its source";
        }
        return null;
    }

    /** Answer tokens per source token: for comparing segments of one answer (merged segments stand out). */
    static double ratio(String source, String answer) {
        return TokenEstimator.estimate(answer) / (double) Math.max(8, TokenEstimator.estimate(source));
    }

    private static String normalized(String text) {
        return text.replaceAll("[\\s\\p{Punct}\\p{IsPunctuation}]+", "").toLowerCase(Locale.ROOT);
    }

    private static boolean hasLetters(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    /** {Han characters, Latin letters}. */
    private static int[] scripts(String text) {
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN) {
                han++;
            } else if (script == Character.UnicodeScript.LATIN && Character.isLetter(cp)) {
                latin++;
            }
            i += Character.charCount(cp);
        }
        return new int[]{han, latin};
    }
}
