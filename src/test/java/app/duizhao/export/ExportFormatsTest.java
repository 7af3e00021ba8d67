package app.duizhao.export;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.Side;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@ActiveProfiles("test")
class ExportFormatsTest {

    static final String TEXT = "中国驻美大使秦刚表示，中美关系的大球仍需小球推动。\n\n"
            + "他说，乒乓外交是一段佳话。\n\n第三段 & <特殊> \"字符\"。";

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @Autowired
    LibraryService library;

    @Autowired
    ExportService exports;

    long id;

    @BeforeEach
    void annotatedArticle() {
        id = importer.importText(TEXT + "\n\n" + System.nanoTime() + "。").articleId();
        annotations.correctEnglish(id, 0, "Ambassador Qin Gang said the big ball of China-US relations still needs "
                + "the small ball.");
        annotations.correctEnglish(id, 1, "He said ping-pong diplomacy\tis a fine story.");
        annotations.setNote(id, 1, "Block note with *Markdown*");
        annotations.addHighlight(id, 0, Side.ZH, 11, 15, HighlightColour.GREEN, "Sino-US relations");
        annotations.addHighlight(id, 1, Side.ZH, 5, 7, HighlightColour.YELLOW, null);
        annotations.addHighlight(id, 0, Side.EN, 20, 28, HighlightColour.PINK, "a \"quoted\" note\nover two lines");
        annotations.setTags(id, List.of("diplomacy", "外交"));
        annotations.saveVersion(id, "first");
        // A highlight whose quote is then corrected away: orphaned, yet exported.
        annotations.addHighlight(id, 1, Side.EN, 3, 7, HighlightColour.BLUE, "orphan note");
        annotations.correctEnglish(id, 1, "He called ping-pong diplomacy\tquite a tale.");
    }

    @Test
    void markdownMarksHighlightsPutsNotesInFootnotesAndListsVocabulary() {
        String md = new String(exports.export(id, null, ExportFormat.MD).content(), StandardCharsets.UTF_8);

        assertThat(md).startsWith("---\ntitle: ");
        assertThat(md).contains("tags: [\"diplomacy\", \"外交\"]");
        assertThat(md).contains("==中美关系==[^1]", "乒乓==外交==是", "Qin Gang ==said the==[^2]");
        assertThat(md).contains("[^1]: Sino-US relations\n");
        assertThat(md).contains("## Orphaned annotations", "==said== — orphan note");
        assertThat(md).contains("## Vocabulary", "| 外交 |");
        assertThat(md).containsPattern("He called ping-pong diplomacy\tquite a tale\\.\\[\\^(\\d)]\n")
                .containsPattern("\n\\[\\^\\d]: Block note with \\*Markdown\\*\n");
    }

    @Test
    void htmlIsWellFormedStandaloneAndSideBySide() throws Exception {
        ExportFile file = exports.export(id, null, ExportFormat.HTML);
        assertThat(file.contentType()).startsWith("text/html");
        assertThat(file.fileName()).endsWith(".html");

        Document page = parse(file.content());

        assertThat(page.getElementsByTagName("style").getLength()).isEqualTo(1);
        assertThat(page.getElementsByTagName("link").getLength()).isZero();
        assertThat(page.getElementsByTagName("script").getLength()).isZero();
        NodeList rows = page.getElementsByTagName("tr");
        assertThat(rows.getLength()).isGreaterThanOrEqualTo(4);
        NodeList marks = page.getElementsByTagName("mark");
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < marks.getLength(); i++) {
            marked.add(marks.item(i).getTextContent());
        }
        assertThat(marked).contains("中美关系", "外交", "said the");
        assertThat(page.getDocumentElement().getTextContent()).contains("第三段 & <特殊> \"字符\"",
                "Sino-US relations", "Orphaned annotations", "@media print");
    }

    @Test
    void thePdfEmbedsACjkFontAndHoldsTheChineseText() throws Exception {
        ExportFile file = exports.export(id, null, ExportFormat.PDF);
        assertThat(file.contentType()).isEqualTo("application/pdf");

        try (PDDocument pdf = Loader.loadPDF(file.content())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text.replaceAll("\\s+", "")).contains("中国驻美大使秦刚表示", "乒乓外交是一段佳话",
                    "Sino-USrelations", "Ambassador");
            Set<String> embedded = new HashSet<>();
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (font.isEmbedded()) {
                        embedded.add(font.getName());
                    }
                }
            }
            assertThat(embedded).anyMatch(name -> name.contains("Droid") || name.contains("CJK")
                    || name.contains("Hei") || name.contains("Unicode") || name.contains("NotoSansSC"));
        }
    }

    @Test
    void theEpubIsAValidPackageWithInterleavedParagraphs() throws Exception {
        ExportFile file = exports.export(id, null, ExportFormat.EPUB);
        assertThat(file.contentType()).isEqualTo("application/epub+zip");

        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<ZipEntry> order = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.content()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                order.add(entry);
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(order.getFirst().getName()).isEqualTo("mimetype");
        assertThat(order.getFirst().getMethod()).isEqualTo(ZipEntry.STORED);
        assertThat(new String(entries.get("mimetype"), StandardCharsets.US_ASCII)).isEqualTo("application/epub+zip");
        // The mimetype must start at byte 38 of the file, uncompressed, for readers that sniff it.
        assertThat(new String(Arrays.copyOfRange(file.content(), 30, 38), StandardCharsets.US_ASCII))
                .isEqualTo("mimetype");

        Document container = parse(entries.get("META-INF/container.xml"));
        String opfPath = ((Element) container.getElementsByTagName("rootfile").item(0)).getAttribute("full-path");
        Document opf = parse(entries.get(opfPath));
        String base = opfPath.substring(0, opfPath.lastIndexOf('/') + 1);
        NodeList items = opf.getElementsByTagNameNS("http://www.idpf.org/2007/opf", "item");
        boolean nav = false;
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String href = base + item.getAttribute("href");
            assertThat(entries).as("manifest item " + href).containsKey(href);
            if (item.getAttribute("media-type").equals("application/xhtml+xml")) {
                parse(entries.get(href));
            }
            nav |= item.getAttribute("properties").contains("nav");
        }
        assertThat(nav).isTrue();
        assertThat(opf.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "identifier").getLength()).isOne();
        assertThat(opf.getElementsByTagNameNS("http://www.idpf.org/2007/opf", "meta").item(0).getTextContent())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        Document text = parse(entries.get("OEBPS/text.xhtml"));
        NodeList paragraphs = text.getElementsByTagName("p");
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < paragraphs.getLength(); i++) {
            classes.add(((Element) paragraphs.item(i)).getAttribute("class"));
        }
        assertThat(String.join(",", classes)).contains("zh,en,zh,en,zh");
    }

    @Test
    void theAnkiFileHasAnkisHeadersAndOneNoteALine() {
        ExportFile file = exports.export(id, null, ExportFormat.ANKI);
        String tsv = new String(file.content(), StandardCharsets.UTF_8);

        List<String> lines = tsv.lines().toList();
        assertThat(lines).startsWith("#separator:tab", "#html:false");
        assertThat(lines).contains("#columns:Word\tPinyin\tDefinition\tSentence\tTranslation\tTags");
        List<String> notes = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(notes).hasSize(2);
        for (String note : notes) {
            List<String> fields = ankiFields(note);
            assertThat(fields).hasSize(6);
        }
        List<String> first = ankiFields(notes.getFirst());
        assertThat(first.get(0)).isEqualTo("中美关系");
        assertThat(first.get(2)).isEqualTo("Sino-US relations");
        assertThat(first.get(3)).isEqualTo("中国驻美大使秦刚表示，中美关系的大球仍需小球推动。");
        List<String> second = ankiFields(notes.get(1));
        assertThat(second.get(0)).isEqualTo("外交");
        assertThat(second.get(1)).isNotBlank();
        assertThat(second.get(4)).isEqualTo("He called ping-pong diplomacy quite a tale.");
    }

    @Test
    void anExportedJsonImportsBackWithoutLoss() {
        JsonMapper mapper = JsonMapper.builder().build();
        byte[] first = exports.export(id, null, ExportFormat.JSON).content();
        JsonNode tree = mapper.readTree(first);
        assertThat(tree.path("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
        JsonNode annotation = tree.path("article").path("annotations").get(0);
        assertThat(annotation.path("@context").asString()).isEqualTo("http://www.w3.org/ns/anno.jsonld");
        assertThat(annotation.path("type").asString()).isEqualTo("Annotation");
        assertThat(annotation.path("target").path("selector").get(0).path("type").asString())
                .isEqualTo("TextQuoteSelector");
        assertThat(annotation.path("target").path("selector").get(1).path("type").asString())
                .isEqualTo("TextPositionSelector");
        assertThat(annotation.path("body").path("type").asString()).isEqualTo("TextualBody");

        // A restore from the export: a library that still has the same article would answer that one (a no-op).
        library.delete(id);
        ImportResult imported = exports.importJson(first);
        assertThat(imported.articleId()).isNotEqualTo(id);
        byte[] second = exports.export(imported.articleId(), null, ExportFormat.JSON).content();

        assertThat(withoutIdsAndTimes(mapper.readTree(second))).isEqualTo(withoutIdsAndTimes(tree));
        assertThat(annotations.highlights(imported.articleId())).hasSize(4)
                .filteredOn(h -> h.orphaned()).hasSize(1);
        assertThat(annotations.versions(imported.articleId())).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("first"));
    }

    @Test
    void badInputOnReImportGetsAClearMessageAndStoresNothing() {
        byte[] good = exports.export(id, null, ExportFormat.JSON).content();
        long before = library.count();
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode newer = (ObjectNode) mapper.readTree(good);
        newer.put("schemaVersion", 99);
        ObjectNode noBlocks = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) noBlocks.path("article")).putArray("blocks");

        assertThatThrownBy(() -> exports.importJson("{\"name\": \"a foreign file\", \"items\": [1, 2]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("not a Duizhao export");
        assertThatThrownBy(() -> exports.importJson(Arrays.copyOf(good, good.length / 2)))
                .isInstanceOf(ImportException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(newer)))
                .isInstanceOf(ImportException.class).hasMessageContaining("newer Duizhao")
                .hasMessageContaining("schema version 99");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(noBlocks)))
                .isInstanceOf(ImportException.class).hasMessageContaining("no blocks");
        assertThatThrownBy(() -> exports.importJson("[1,2,3]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class);
        assertThatThrownBy(() -> exports.importJson(new byte[0]))
                .isInstanceOf(ImportException.class).hasMessageContaining("empty");

        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void aBrokenVersionInsideAValidExportStoresNothingEither() {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode tree = (ObjectNode) mapper.readTree(exports.export(id, null, ExportFormat.JSON).content());
        ((ObjectNode) tree.path("versions").get(0)).putArray("blocks").addObject().put("position", 0);
        long before = library.count();

        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(tree)))
                .isInstanceOf(ImportException.class).hasMessageContaining("versions[0].blocks[0]");
        assertThat(library.count()).isEqualTo(before);
    }

    @Test
    void aSelectionOfTheLibraryExportsAsOneZip() throws Exception {
        long other = importer.importText("另一篇文章。" + System.nanoTime()).articleId();

        ExportFile zip = exports.zip(List.of(id, other), ExportFormat.MD);

        assertThat(zip.contentType()).isEqualTo("application/zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.content()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("---\ntitle:");
            }
        }
        assertThat(names).hasSize(2).allMatch(name -> name.endsWith(".md"));
    }

    @Test
    void aSavedVersionExportsWithTheHighlightsItHadThen() {
        String md = new String(exports.export(id, 1, ExportFormat.MD).content(), StandardCharsets.UTF_8);

        assertThat(md).contains("version: 1", "==中美关系==");
        assertThat(md).doesNotContain("orphan note");
    }

    static JsonNode withoutIdsAndTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // Database ids and the times of export and import change; everything else, highlight times too, stays.
            object.remove(List.of("id", "exportedAt", "importedAt"));
        }
        for (JsonNode child : node) {
            strip(child);
        }
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                throw e;
            }
        });
        return builder.parse(new ByteArrayInputStream(xml));
    }

    /** Splits a line as Anki's importer does: tab-separated, with CSV-style double quotes. */
    static List<String> ankiFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @SuppressWarnings("unused")
    private static byte[] bytes(ByteArrayOutputStream out) {
        return out.toByteArray();
    }
}
