package app.duizhao.cleaning;

import java.util.regex.Pattern;

/**
 * Rules that look at a block's finished text: bylines, BBC labels and placeholders, feed footers that survived the
 * element rules because their markup differed.
 */
final class TextRules {

    /**
     * A short author/editor credit: a label such as 责任编辑/记者/译者 followed by names. Sentences (。！？) are not
     * credits, so an interview line "记者：谢谢您接受本台的采访。" stays a paragraph, and so do "記者…報導" leads.
     */
    private static final Pattern BYLINE = Pattern.compile(
            "^[（(【]?\\s?(?:责任编辑|責任編輯|编辑|編輯|责编|責編|记者|記者|作者|译者|譯者|翻译|翻譯|撰稿|撰文|核稿|编译|編譯"
                    + "|网编|網編|文(?=[：:])|图(?=[：:])|圖(?=[：:])|寒冬記者|寒冬记者|大纪元记者|大紀元記者|本台记者|本台記者)\\s?[：:/／ ]");
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?]");

    static final String MEDIA_PLACEHOLDER = "你的器材不支持播放多媒体材料";
    private static final String[] CREDIT_LABELS = {"图像来源，", "圖像來源，", "图像来源:", "Image source, "};
    private static final String[] CAPTION_LABELS = {"图像加注文字，", "圖像加註文字，", "视频加注文字，", "視頻加註文字，",
        "Image caption, ", "Media caption, "};

    private TextRules() {
    }

    private static final Pattern ENGLISH_BYLINE = Pattern.compile("^(?:[Bb]y|BY) \\p{Lu}[\\p{L}.' -]{1,40}$");

    static boolean isByline(String text) {
        if (text.length() > 50 || SENTENCE_END.matcher(text).find()) {
            return false;
        }
        return BYLINE.matcher(text).find() || ENGLISH_BYLINE.matcher(text).matches();
    }

    /** The credit label that starts {@code text} ("图像来源，"), or {@code null}. */
    static String creditLabel(String text) {
        return startingLabel(text, CREDIT_LABELS);
    }

    /** The caption label that starts {@code text} ("图像加注文字，"), or {@code null}. */
    static String captionLabel(String text) {
        return startingLabel(text, CAPTION_LABELS);
    }

    static boolean isSentence(String text) {
        return SENTENCE_END.matcher(text).find();
    }

    /**
     * Whole blocks that are boilerplate of one source: RFI's "广告" label, Reuters' trust-principles link, NYT's
     * newsletter invitation and English-version link, CDT's WordPress feed footer.
     */
    static String noiseReason(String text) {
        return switch (text) {
            case "广告", "廣告", "Advertisement", "ADVERTISEMENT" -> "ad";
            case "我们的标准：汤森路透“信任原则”", "我們的標準：湯森路透“信任原則”" -> "feed-footer";
            case "点击查看本文英文版。", "點擊查看本文英文版。" -> "source-link";
            default -> {
                if (text.contains("订阅NYT简报") || text.contains("訂閱NYT簡報")) {
                    yield "subscribe";
                }
                if (text.startsWith("Feed enhanced by") || text.startsWith("Post tags:") || text.contains("|Permalink")) {
                    yield "feed-footer";
                }
                yield null;
            }
        };
    }

    static boolean isFeedFooter(String text) {
        return text.startsWith("获取更多RSS") || text.startsWith("獲取更多RSS")
                || text.startsWith("The post ") && (text.contains(" first appeared on ") || text.contains(" appeared first on "));
    }

    static boolean isRelatedLinksTitle(String text) {
        return text.equals("延伸閱讀") || text.equals("延伸阅读") || text.equals("相关新闻") || text.equals("相關新聞");
    }

    /** Length of a trailing "...more" / "…more" link text, or 0. */
    static int trailingMoreLength(String text) {
        if (text.endsWith("...more")) {
            return "...more".length();
        }
        if (text.endsWith("…more")) {
            return "…more".length();
        }
        return 0;
    }

    private static String startingLabel(String text, String[] labels) {
        for (String label : labels) {
            if (text.startsWith(label)) {
                return label;
            }
        }
        return null;
    }
}
