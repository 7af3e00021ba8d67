package app.duizhao.export;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.Side;
import app.duizhao.importing.ImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The export API answers from Spring MVC (not Vaadin's servlet) on a real port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    app.duizhao.library.LibraryService library;

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void eachFormatIsServedWithItsContentTypeAndAFileName() throws Exception {
        long id = importer.importText("接口导出的第一段。\n\n第二段。" + System.nanoTime()).articleId();
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.YELLOW, "api");

        HttpResponse<byte[]> md = get("/api/articles/" + id + "/export?format=md");
        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/markdown"));
        assertThat(md.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment").contains(".md"));
        assertThat(new String(md.body(), StandardCharsets.UTF_8)).contains("==接口==");

        for (String[] expected : new String[][]{{"html", "text/html"}, {"epub", "application/epub+zip"},
                {"anki", "text/tab-separated-values"}, {"json", "application/json"}}) {
            HttpResponse<byte[]> response = get("/api/articles/" + id + "/export?format=" + expected[0]);
            assertThat(response.statusCode()).as(expected[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(expected[1]);
            assertThat(response.body()).isNotEmpty();
        }
    }

    @Test
    void whatEachFormatServesIsValidForItsFormat() throws Exception {
        long id = importer.importText("接口验证的第一段。\n\n第二段有“引号”。" + System.nanoTime()).articleId();
        annotations.correctEnglish(id, 0, "The first paragraph checked through the API.");
        annotations.addHighlight(id, 0, Side.ZH, 0, 2, HighlightColour.GREEN, "note");

        String md = new String(get("/api/articles/" + id + "/export?format=md").body(), StandardCharsets.UTF_8);
        assertThat(md).startsWith("---\ntitle: ").contains("==接口==[^1]", "[^1]: note");
        ExportFormatsTest.parse(get("/api/articles/" + id + "/export?format=html").body());
        byte[] epub = get("/api/articles/" + id + "/export?format=epub").body();
        assertThat(new String(java.util.Arrays.copyOfRange(epub, 30, 58), StandardCharsets.US_ASCII))
                .isEqualTo("mimetypeapplication/epub+zip");
        AnkiImportRulesTest.AnkiFile anki = AnkiImportRulesTest.read(new String(
                get("/api/articles/" + id + "/export?format=anki").body(), StandardCharsets.UTF_8));
        assertThat(anki.columns()).startsWith("Word", "Pinyin", "Definition", "Sentence", "Translation");
        assertThat(anki.records()).isNotEmpty().allSatisfy(r -> assertThat(r).hasSameSizeAs(anki.columns()));
    }

    @Test
    void theJsonServedPostsBackThroughTheApiAndExportsTheSame() throws Exception {
        long id = importer.importText("接口往返的第一段。\n\n接口往返的第二段。" + System.nanoTime()).articleId();
        annotations.correctEnglish(id, 1, "Round trip through HTTP.");
        annotations.setNote(id, 0, "a note");
        annotations.addHighlight(id, 1, Side.EN, 0, 5, HighlightColour.PINK, "marked");
        annotations.saveVersion(id, "over HTTP");
        byte[] first = get("/api/articles/" + id + "/export?format=json").body();
        // A restore through the API: while the same article is stored, posting its export answers that one (200).
        library.delete(id);

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(first)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        JsonMapper mapper = JsonMapper.builder().build();
        long copy = mapper.readTree(posted.body()).path("id").asLong();
        byte[] second = get("/api/articles/" + copy + "/export?format=json").body();

        assertThat(copy).isNotEqualTo(id);
        assertThat(ExportFormatsTest.withoutIdsAndTimes(mapper.readTree(second)))
                .isEqualTo(ExportFormatsTest.withoutIdsAndTimes(mapper.readTree(first)));
    }

    @Test
    void thePdfIsServed() throws Exception {
        long id = importer.importText("接口导出的PDF。" + System.nanoTime()).articleId();

        HttpResponse<byte[]> pdf = get("/api/articles/" + id + "/export?format=pdf");

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("接口导出的");
        }
    }

    @Test
    void anUnknownArticleIsNotFoundAndAnUnknownFormatIsABadRequest() throws Exception {
        long id = importer.importText("接口错误。" + System.nanoTime()).articleId();

        HttpResponse<byte[]> missing = get("/api/articles/987654321/export?format=md");
        HttpResponse<byte[]> badFormat = get("/api/articles/" + id + "/export?format=docx");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(new String(badFormat.body(), StandardCharsets.UTF_8)).contains("md, html, pdf, epub, anki or json");
    }

    @Test
    void aSelectionIsServedAsAZip() throws Exception {
        long a = importer.importText("压缩一。" + System.nanoTime()).articleId();
        long b = importer.importText("压缩二。" + System.nanoTime()).articleId();

        HttpResponse<byte[]> zip = get("/api/export?ids=" + a + "," + b + "&format=json");

        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(zip.body()[0]).isEqualTo((byte) 'P');
    }
}
