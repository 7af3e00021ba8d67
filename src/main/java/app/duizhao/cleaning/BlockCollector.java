package app.duizhao.cleaning;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Walks a cleaned body (iteratively, through jsoup's {@code NodeTraversor}) and cuts its text into blocks.
 *
 * <p>Text is buffered and flushed at every block-level boundary, so each piece of text lands in exactly one block and
 * nesting ({@code <blockquote><p>}, {@code <li><p>}, {@code <figure><figcaption>}) never duplicates a block. Some
 * contexts are <em>atomic</em> — list items, table rows, captions and bylines — and gather everything inside them into a
 * single block; block elements nested in them only add a space (or, in a table row, a cell separator).
 *
 * <p>Line breaks: {@code <br><br>} always ends a paragraph. A single {@code <br>} ends one when the text before it ends
 * a sentence, or when the runs on both sides are long ({@value #LONG_RUN} characters or more) — many feeds put a whole
 * article into one {@code <div>} separated by {@code <br>}s. Otherwise a single {@code <br>} becomes a space.
 */
final class BlockCollector implements NodeVisitor {

    /** Attribute set by {@link NoiseRules} to force the kind of a block (e.g. a feed header turned byline). */
    static final String KIND_ATTRIBUTE = "data-duizhao-kind";
    static final int LONG_RUN = 20;

    private static final char BREAK = '\u0001';
    private static final char CELL = '\u0002';
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "header", "aside",
            "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
            "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption", "pre", "address", "hr", "center", "fieldset",
            "details", "summary", "caption", "body", "hgroup", "picture");
    private static final Set<String> CAPTION_CLASSES = Set.of("wp-caption-text", "picinfo", "m-figure__caption",
            "image-caption", "caption", "story-image-caption", "media-caption");

    private record Context(BlockKind kind, boolean boundary, boolean atomic) {
    }

    private final String title;
    private final Removals removals;
    private final List<CleanBlock> blocks = new ArrayList<>();
    private final List<CleanBlock> pendingImages = new ArrayList<>();
    private final Deque<Context> stack = new ArrayDeque<>();
    private final StringBuilder buffer = new StringBuilder();
    private int atomicDepth;
    private int trDepth;

    BlockCollector(String title, Removals removals) {
        this.title = title == null ? "" : TextNormalizer.normalize(title);
        this.removals = removals;
    }

    List<CleanBlock> blocks() {
        flush(currentKind());
        emitPendingImages();
        return blocks;
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof Comment comment) {
            int index = Removals.markerIndex(comment);
            if (index >= 0) {
                // Removed in the middle of text still being collected: it stood after the block that text becomes.
                removals.anchor(index, blocks.size() + (bufferHasText() ? 1 : 0));
            }
            return;
        }
        if (node instanceof TextNode text) {
            String raw = text.getWholeText();
            if (raw.indexOf(BREAK) >= 0 || raw.indexOf(CELL) >= 0) {
                raw = raw.replace(BREAK, ' ').replace(CELL, ' ');
            }
            buffer.append(raw);
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        switch (tag) {
            case "br" -> buffer.append(BREAK);
            case "img" -> image(element);
            case "td", "th" -> {
                if (trDepth > 0) {
                    buffer.append(CELL);
                } else {
                    openBlock(element);
                }
            }
            default -> {
                if (BLOCK_TAGS.contains(tag) || element.hasAttr(KIND_ATTRIBUTE)) {
                    openBlock(element);
                }
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        if ((tag.equals("td") || tag.equals("th")) && trDepth > 0) {
            buffer.append(CELL);
            return;
        }
        if (!BLOCK_TAGS.contains(tag) && !element.hasAttr(KIND_ATTRIBUTE)) {
            return;
        }
        Context context = stack.poll();
        if (context == null) {
            return;
        }
        if (tag.equals("tr")) {
            trDepth--;
        }
        if (context.boundary()) {
            int before = blocks.size();
            flush(context.kind());
            if (context.atomic()) {
                atomicDepth--;
            }
            if (atomicDepth == 0) {
                emitPendingImages();
            }
            if (tag.equals("p") && blocks.size() == before && element.childrenSize() == 0) {
                removals.add("empty", "<p>", blocks.size());
            }
        } else {
            buffer.append(' ');
        }
    }

    private boolean bufferHasText() {
        for (int i = 0; i < buffer.length(); i++) {
            char c = buffer.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != BREAK && c != CELL && c != '\u200B'
                    && c != '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    private void openBlock(Element element) {
        String tag = element.normalName();
        BlockKind parent = currentKind();
        BlockKind kind = kindFor(element, parent);
        boolean atomicType = isAtomicType(element, kind);
        if (tag.equals("tr")) {
            trDepth++;
        }
        if (atomicDepth > 0 && !atomicType) {
            buffer.append(' ');
            stack.push(new Context(parent, false, false));
            return;
        }
        flush(parent);
        if (atomicType) {
            atomicDepth++;
        }
        stack.push(new Context(kind, true, atomicType));
    }

    private static boolean isAtomicType(Element element, BlockKind kind) {
        String tag = element.normalName();
        return tag.equals("li") || tag.equals("dt") || tag.equals("dd") || tag.equals("tr") || tag.equals("figcaption")
                || tag.equals("caption") || kind == BlockKind.CAPTION || kind == BlockKind.BYLINE;
    }

    private BlockKind currentKind() {
        Context top = stack.peek();
        return top == null ? BlockKind.PARAGRAPH : top.kind();
    }

    private static BlockKind kindFor(Element element, BlockKind parent) {
        if (element.hasAttr(KIND_ATTRIBUTE)) {
            return BlockKind.fromCode(element.attr(KIND_ATTRIBUTE));
        }
        boolean specialParent = parent != BlockKind.PARAGRAPH && parent != BlockKind.HEADING;
        String tag = element.normalName();
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                return specialParent ? parent : BlockKind.HEADING;
            }
            case "blockquote" -> {
                return specialParent ? parent : BlockKind.QUOTE;
            }
            case "li", "dt", "dd" -> {
                return parent == BlockKind.BYLINE || parent == BlockKind.CAPTION ? parent : BlockKind.LIST_ITEM;
            }
            case "tr" -> {
                return BlockKind.TABLE_ROW;
            }
            case "figcaption", "caption" -> {
                return BlockKind.CAPTION;
            }
            default -> {
            }
        }
        if (isCaption(element)) {
            return BlockKind.CAPTION;
        }
        String cls = element.className();
        if (cls.contains("Byline") || cls.contains("byline") || cls.contains("-Person")
                || element.attr("itemprop").equalsIgnoreCase("byline")) {
            return BlockKind.BYLINE;
        }
        return specialParent ? parent : BlockKind.PARAGRAPH;
    }

    /** figcaption-like classes, and feedx's {@code <div><small style="color: #999;">caption</small></div>}. */
    private static boolean isCaption(Element element) {
        for (String name : element.classNames()) {
            if (CAPTION_CLASSES.contains(name)) {
                return true;
            }
        }
        return element.normalName().equals("div") && element.childrenSize() == 1
                && element.child(0).normalName().equals("small")
                && TextNormalizer.normalize(element.ownText()).isEmpty();
    }

    private void image(Element img) {
        String url = ImageUrls.resolve(img);
        if (url == null) {
            removals.add("empty", "<img> without an address", blocks.size());
            return;
        }
        CleanBlock block = new CleanBlock(BlockKind.IMAGE, TextNormalizer.normalize(img.attr("alt")), url);
        if (atomicDepth > 0) {
            pendingImages.add(block); // shown after the caption/list item/row that holds it
            return;
        }
        flush(currentKind());
        blocks.add(block);
    }

    private void emitPendingImages() {
        blocks.addAll(pendingImages);
        pendingImages.clear();
    }

    private void flush(BlockKind kind) {
        if (buffer.isEmpty()) {
            return;
        }
        String content = buffer.toString();
        buffer.setLength(0);
        if (kind == BlockKind.TABLE_ROW) {
            StringBuilder row = new StringBuilder();
            for (String cell : content.split(String.valueOf(CELL), -1)) {
                String text = TextNormalizer.normalize(cell.replace(BREAK, ' '));
                if (!text.isEmpty()) {
                    row.append(row.isEmpty() ? "" : " | ").append(text);
                }
            }
            emit(kind, row.toString());
            return;
        }
        content = content.replace(CELL, ' ');
        if (kind != BlockKind.PARAGRAPH && kind != BlockKind.QUOTE) {
            emit(kind, TextNormalizer.normalize(content.replace(BREAK, ' ')));
            return;
        }
        StringBuilder current = new StringBuilder();
        int breaks = 0;
        for (String run : content.split(String.valueOf(BREAK), -1)) {
            String text = TextNormalizer.normalize(run);
            if (text.isEmpty()) {
                breaks++;
                continue;
            }
            if (!current.isEmpty()) {
                if (breaksParagraph(current, text, breaks)) {
                    emit(kind, current.toString());
                    current.setLength(0);
                } else {
                    current.append(' ');
                }
            }
            current.append(text);
            breaks = 0;
        }
        emit(kind, current.toString());
    }

    /** Whether the {@code <br>} run between {@code before} and {@code after} separates paragraphs. */
    private static boolean breaksParagraph(CharSequence before, String after, int emptyRunsBetween) {
        if (emptyRunsBetween >= 1) {
            return true; // <br><br> (possibly with whitespace between them)
        }
        char last = before.charAt(before.length() - 1);
        if ("。！？!?…”」』）)".indexOf(last) >= 0 || last == '.' || last == ':' || last == '：') {
            return true;
        }
        if (TextRules.isByline(before.toString()) || TextRules.isByline(after)) {
            return true; // "翻译：王芳<br>…": a credit line is its own block
        }
        return before.length() >= LONG_RUN && after.length() >= LONG_RUN;
    }

    private void emit(BlockKind kind, String text) {
        if (text.isEmpty()) {
            return;
        }
        String credit = TextRules.creditLabel(text);
        if (credit != null) {
            removals.add("label", text, blocks.size());
            return;
        }
        String captionLabel = TextRules.captionLabel(text);
        if (captionLabel != null) {
            removals.add("label", captionLabel, blocks.size());
            text = TextNormalizer.normalize(text.substring(captionLabel.length()));
            kind = BlockKind.CAPTION;
        }
        if (text.contains(TextRules.MEDIA_PLACEHOLDER)) {
            removals.add("media-placeholder", TextRules.MEDIA_PLACEHOLDER, blocks.size());
            text = TextNormalizer.normalize(text.replace(TextRules.MEDIA_PLACEHOLDER, " "));
        }
        if (TextRules.isFeedFooter(text)) {
            removals.add("feed-footer", text, blocks.size());
            return;
        }
        if (TextRules.isRelatedLinksTitle(text)) {
            removals.add("related-links", text, blocks.size());
            return;
        }
        int more = TextRules.trailingMoreLength(text);
        if (more > 0) {
            removals.add("source-link", text.substring(text.length() - more), blocks.size());
            text = TextNormalizer.normalize(text.substring(0, text.length() - more));
        }
        if (text.isEmpty()) {
            return;
        }
        String noise = TextRules.noiseReason(text);
        if (noise != null) {
            removals.add(noise, text, blocks.size());
            return;
        }
        if (kind == BlockKind.PARAGRAPH && TextRules.isByline(text)) {
            kind = BlockKind.BYLINE;
        } else if (kind == BlockKind.BYLINE && TextRules.isSentence(text)) {
            kind = BlockKind.PARAGRAPH; // a "byline" class around a sentence is a standfirst, not a credit
        }
        if (kind == BlockKind.BYLINE && text.startsWith("null ")) {
            text = text.substring(5).strip(); // feedx prints a missing author as "null"
        }
        if (kind == BlockKind.BYLINE && text.endsWith("#")) {
            // Epoch Times ends its editor credit with a '#' end mark.
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.equals(title) && (kind == BlockKind.HEADING || kind == BlockKind.PARAGRAPH && !hasTextBlock())) {
            removals.add("duplicate-title", text, blocks.size());
            return;
        }
        if (!text.isEmpty()) {
            blocks.add(CleanBlock.of(kind, text));
        }
    }

    private boolean hasTextBlock() {
        for (CleanBlock block : blocks) {
            if (block.kind() != BlockKind.IMAGE) {
                return true;
            }
        }
        return false;
    }
}
