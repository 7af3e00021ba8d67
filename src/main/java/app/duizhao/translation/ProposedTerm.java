package app.duizhao.translation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A glossary term the LLM found in an article, for the user to accept or drop.
 *
 * @param chinese the term as written in the article
 * @param english the rendering the model proposes
 * @param kind    person, organisation, place or other
 */
public record ProposedTerm(String chinese, String english, String kind) {

    /** Parses the model's answer: one {@code 中文<TAB>English<TAB>kind} a line (also {@code |} or {@code =} separated). */
    static List<ProposedTerm> parse(String answer) {
        List<ProposedTerm> terms = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : answer.split("\\R")) {
            String line = raw.strip().replaceFirst("^[-*\\d.)\\s]+", "");
            String[] parts = line.split("\\t|\\s*\\|\\s*|\\s+=\\s+");
            if (parts.length < 2) {
                continue;
            }
            String chinese = parts[0].strip();
            String english = parts[1].strip();
            if (chinese.isEmpty() || english.isEmpty() || chinese.length() > 50 || english.length() > 200
                    || chinese.codePoints().noneMatch(TokenEstimator::isCjk) || !seen.add(chinese)) {
                continue;
            }
            terms.add(new ProposedTerm(chinese, english, parts.length > 2 ? parts[2].strip().toLowerCase(java.util.Locale.ROOT) : "other"));
        }
        return terms;
    }
}
