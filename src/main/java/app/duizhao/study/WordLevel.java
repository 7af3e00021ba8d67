package app.duizhao.study;

/**
 * The HSK level given to a word, and which rule gave it.
 *
 * @param level 1-6, or {@link StudyService#BEYOND_HSK}
 * @param rule  how the level was found
 * @param basis the listed words it was found from: the word itself, its parts ({@code 纪念 + 活动}) or the listed
 *              word that teaches a character ({@code 说话}); empty when beyond HSK
 */
public record WordLevel(int level, Rule rule, String basis) {

    /** How a word got its level. */
    public enum Rule {
        /** The word is on the HSK list. */
        LISTED("on the HSK list"),
        /** The word is not listed but is made of listed words: the highest of their levels. */
        PARTS("from its parts"),
        /** A single character not listed alone: the lowest level of a listed word it is taught with. */
        CHARACTER("from a listed word with this character"),
        /** None of the above. */
        BEYOND("beyond HSK");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        /** How the profile names the rule. */
        public String label() {
            return label;
        }
    }

    static final WordLevel BEYOND = new WordLevel(StudyService.BEYOND_HSK, Rule.BEYOND, "");
}
