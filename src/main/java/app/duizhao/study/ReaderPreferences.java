package app.duizhao.study;

/**
 * How the user likes to read (kept for every article).
 *
 * @param dark          the Lumo dark theme
 * @param fontSize      the text size of the rows in pixels, {@value #MIN_FONT_SIZE}-{@value #MAX_FONT_SIZE}
 * @param lookupOnHover open the dictionary popup when the pointer rests on a word, not only on click
 * @param toneColours   colour pinyin (and characters) by tone
 * @param showHsk       colour words by HSK level
 * @param markNewWords  make words the user does not know yet stand out (known words stay unmarked)
 */
public record ReaderPreferences(boolean dark, int fontSize, DisplayMode displayMode, boolean lookupOnHover,
                                boolean toneColours, boolean showHsk, boolean markNewWords) {

    public static final int MIN_FONT_SIZE = 12;
    public static final int MAX_FONT_SIZE = 32;
    public static final int DEFAULT_FONT_SIZE = 18;

    public static final ReaderPreferences DEFAULTS = new ReaderPreferences(false, DEFAULT_FONT_SIZE,
            DisplayMode.SIDE_BY_SIDE, false, false, false, false);

    public ReaderPreferences {
        fontSize = Math.clamp(fontSize, MIN_FONT_SIZE, MAX_FONT_SIZE);
        displayMode = displayMode == null ? DisplayMode.SIDE_BY_SIDE : displayMode;
    }

    public ReaderPreferences withDark(boolean value) {
        return new ReaderPreferences(value, fontSize, displayMode, lookupOnHover, toneColours, showHsk, markNewWords);
    }

    public ReaderPreferences withFontSize(int value) {
        return new ReaderPreferences(dark, value, displayMode, lookupOnHover, toneColours, showHsk, markNewWords);
    }

    public ReaderPreferences withDisplayMode(DisplayMode value) {
        return new ReaderPreferences(dark, fontSize, value, lookupOnHover, toneColours, showHsk, markNewWords);
    }

    public ReaderPreferences withLookupOnHover(boolean value) {
        return new ReaderPreferences(dark, fontSize, displayMode, value, toneColours, showHsk, markNewWords);
    }

    public ReaderPreferences withToneColours(boolean value) {
        return new ReaderPreferences(dark, fontSize, displayMode, lookupOnHover, value, showHsk, markNewWords);
    }

    public ReaderPreferences withShowHsk(boolean value) {
        return new ReaderPreferences(dark, fontSize, displayMode, lookupOnHover, toneColours, value, markNewWords);
    }

    public ReaderPreferences withMarkNewWords(boolean value) {
        return new ReaderPreferences(dark, fontSize, displayMode, lookupOnHover, toneColours, showHsk, value);
    }
}
