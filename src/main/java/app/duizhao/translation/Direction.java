package app.duizhao.translation;

/** Which way a translation goes: Chinese (simplified or traditional) into English, or English into Chinese. */
public enum Direction {
    /** Chinese into English (the usual case). */
    ZH_TO_EN("en", PromptTemplates.TRANSLATE_VERSION),
    /** English into simplified Chinese, for articles written in English. */
    EN_TO_ZH("zh-Hans", PromptTemplates.TRANSLATE_EN_ZH_VERSION);

    private final String targetLanguage;
    private final String promptVersion;

    Direction(String targetLanguage, String promptVersion) {
        this.targetLanguage = targetLanguage;
        this.promptVersion = promptVersion;
    }

    /** The language of the output: {@code en} or {@code zh-Hans}. */
    public String targetLanguage() {
        return targetLanguage;
    }

    /** The prompt version used for this direction (part of the cache key). */
    public String promptVersion() {
        return promptVersion;
    }

    /** The direction for an article's language ({@code en}, {@code zh-Hans}, {@code zh-Hant}). */
    public static Direction forLanguage(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? EN_TO_ZH : ZH_TO_EN;
    }
}
