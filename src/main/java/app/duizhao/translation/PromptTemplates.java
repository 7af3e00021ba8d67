package app.duizhao.translation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The versioned prompt templates in {@code src/main/resources/prompts/} and how article text is put into them:
 * as data inside XML-like tags, with {@code &}, {@code <} and {@code >} escaped so that the text cannot close a tag.
 */
public final class PromptTemplates {

    /** The version of the translation prompts; stored with translations so that they can be redone when it changes. */
    public static final String TRANSLATE_VERSION = "translate-v2";
    /** The version of the English-to-Chinese translation prompts. */
    public static final String TRANSLATE_EN_ZH_VERSION = "translate-en-zh-v1";
    /** The version of the summary prompts. */
    public static final String SUMMARIZE_VERSION = "summarize-v3";
    /** The version of the prompts that propose glossary terms. */
    public static final String PROPOSE_TERMS_VERSION = "glossary-propose-v1";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));");

    private static final String TRANSLATE_SYSTEM = load(TRANSLATE_VERSION + ".system.txt");
    private static final String TRANSLATE_USER = load(TRANSLATE_VERSION + ".user.txt");
    private static final String TRANSLATE_EN_ZH_SYSTEM = load(TRANSLATE_EN_ZH_VERSION + ".system.txt");
    private static final String TRANSLATE_EN_ZH_USER = load(TRANSLATE_EN_ZH_VERSION + ".user.txt");
    private static final String SUMMARIZE_SYSTEM = load(SUMMARIZE_VERSION + ".system.txt");
    private static final String SUMMARIZE_USER = load(SUMMARIZE_VERSION + ".user.txt");
    private static final String PROPOSE_SYSTEM = load(PROPOSE_TERMS_VERSION + ".system.txt");
    private static final String PROPOSE_USER = load(PROPOSE_TERMS_VERSION + ".user.txt");

    private PromptTemplates() {
    }

    public static String translateSystem() {
        return TRANSLATE_SYSTEM;
    }

    /** The system prompt for a direction. */
    public static String translateSystem(Direction direction) {
        return direction == Direction.EN_TO_ZH ? TRANSLATE_EN_ZH_SYSTEM : TRANSLATE_SYSTEM;
    }

    /** The user message asking for {@code segments}, each as {@code <segment id="N">escaped text</segment>}. */
    public static String translateUser(ArticleContext context, List<Segment> segments) {
        return translateUser(context, segments, Direction.ZH_TO_EN, List.of());
    }

    /**
     * The user message asking for {@code segments} in a direction, with the glossary terms that occur in them
     * (as {@code <glossary>} lines {@code 中文 = English (note)}).
     */
    public static String translateUser(ArticleContext context, List<Segment> segments, Direction direction,
                                       List<GlossaryEntry> glossary) {
        String body = segments.stream()
                .map(s -> "<segment id=\"" + s.id() + "\">" + escape(s.text()) + "</segment>")
                .collect(Collectors.joining("\n"));
        String ids = segments.stream().map(s -> String.valueOf(s.id())).collect(Collectors.joining(", "));
        String terms = glossary == null || glossary.isEmpty() ? "" : "<glossary>\n" + glossary.stream()
                .map(t -> escape(t.chinese()) + " = " + escape(t.english())
                        + (t.note() == null || t.note().isBlank() ? "" : " (" + escape(t.note().strip()) + ")"))
                .collect(Collectors.joining("\n")) + "\n</glossary>\n";
        String template = direction == Direction.EN_TO_ZH ? TRANSLATE_EN_ZH_USER : TRANSLATE_USER;
        return fill(template, metadata(context, Map.of("segments", body, "ids", ids, "glossary", terms)));
    }

    /** The system prompt asking for glossary terms. */
    public static String proposeTermsSystem() {
        return PROPOSE_SYSTEM;
    }

    /** The user message asking for glossary terms of an article. */
    public static String proposeTermsUser(SummaryRequest request) {
        return fill(PROPOSE_USER, metadata(request.context(), Map.of("paragraphs", paragraphs(request))));
    }

    public static String summarizeSystem() {
        return SUMMARIZE_SYSTEM;
    }

    /** The user message asking for a summary of {@code request}, each paragraph as {@code <paragraph>…</paragraph>}. */
    public static String summarizeUser(SummaryRequest request) {
        return summarizeUser(request, 0);
    }

    /**
     * The summary request, saying that {@code omitted} later paragraphs were left out to fit the model's window.
     */
    public static String summarizeUser(SummaryRequest request, int omitted) {
        String chinese = request.inChinese()
                ? " Then a line \"中文摘要：\" followed by the same headline and points in simplified Chinese." : "";
        String note = omitted <= 0 ? "" : "(The article goes on for " + omitted
                + " more paragraphs, left out here to fit; summarise what is given, the lede first.)\n";
        return fill(SUMMARIZE_USER, metadata(request.context(), Map.of("paragraphs", paragraphs(request),
                "chinese", chinese, "glossary", glossaryLines(request.glossary()), "omitted", note)));
    }

    private static String glossaryLines(List<GlossaryEntry> glossary) {
        return glossary == null || glossary.isEmpty() ? "" : "<glossary>\n" + glossary.stream()
                .map(t -> escape(t.chinese()) + " = " + escape(t.english()))
                .collect(Collectors.joining("\n")) + "\n</glossary>\n";
    }

    private static String paragraphs(SummaryRequest request) {
        return request.paragraphs().stream()
                .filter(p -> p != null && !p.isBlank())
                .map(p -> "<paragraph>" + escape(p.strip()) + "</paragraph>")
                .collect(Collectors.joining("\n"));
    }

    /** Escapes {@code &}, {@code <} and {@code >}. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes {@link #escape} (and decodes {@code &quot;}, {@code &apos;} and numeric entities) in one pass. */
    public static String unescape(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text == null ? "" : text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (m.group(2) != null) {
                replacement = codePoint(Integer.parseInt(m.group(2)), m.group());
            } else if (m.group(3) != null) {
                replacement = codePoint(Integer.parseInt(m.group(3), 16), m.group());
            } else {
                replacement = switch (m.group(1)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    default -> "'";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp, String original) {
        return Character.isValidCodePoint(cp) ? Character.toString(cp) : original;
    }

    private static Map<String, String> metadata(ArticleContext context, Map<String, String> more) {
        ArticleContext c = context == null ? new ArticleContext(null, null, null) : context;
        Map<String, String> values = new java.util.HashMap<>(more);
        values.put("title", escapeOrUnknown(c.title()));
        values.put("source", escapeOrUnknown(c.source()));
        values.put("date", escapeOrUnknown(c.date()));
        return values;
    }

    private static String escapeOrUnknown(String value) {
        return value == null || value.isBlank() ? "(unknown)" : escape(value.strip());
    }

    /** Replaces {@code {{name}}} placeholders in one pass, so that values containing braces stay as they are. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(String name) {
        String path = "prompts/" + name;
        try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing prompt template on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read prompt template " + path, e);
        }
    }
}
