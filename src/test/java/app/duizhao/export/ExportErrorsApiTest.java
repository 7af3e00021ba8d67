package app.duizhao.export;

import app.duizhao.importing.ImportService;
import app.duizhao.testsupport.Fixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDF export on a machine without any Chinese font (the system font lookup is off, so only the font that ships
 * with Duizhao is there), and every way an export request can fail over the API: each answers 4xx with a message
 * the user can act on, never 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "duizhao.export.system-fonts=false")
@ActiveProfiles("test")
class ExportErrorsApiTest {

    static final List<String> FORMATS = List.of("md", "html", "pdf", "epub", "anki", "json");

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String error(HttpResponse<byte[]> response) {
        return json.readTree(response.body()).path("error").asString();
    }

    @Test
    void theSeedPostsPdfHoldsItsChineseTextWithOnlyTheFontThatShipsWithDuizhao() throws Exception {
        long id = importer.importFile(Fixtures.SEED_FILE_NAME, Fixtures.seedPost()).articleId();

        HttpResponse<byte[]> pdf = get("/api/articles/" + id + "/export?format=pdf");

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("秦刚：中美关系的大球仍需小球推动", "中国驻美大使秦刚", "乒乓外交",
                    "政治勇气和人民友谊");
            // The text maps back to the characters the page used, not to Kangxi radicals drawn with the same glyph.
            assertThat(text.codePoints().filter(c -> c >= 0x2E80 && c <= 0x2FDF).count()).isZero();
            Set<String> embedded = new HashSet<>();
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (font.isEmbedded()) {
                        embedded.add(font.getName());
                    }
                }
            }
            // A subset (its name tagged "ABCDEF+"), not the whole 10 MB font.
            assertThat(embedded).anyMatch(name -> name.matches("[A-Z]{6}\\+NotoSansSC.*"));
        }
        assertThat(pdf.body().length).as("PDF bytes").isLessThan(1_000_000);
        System.out.println("seed post PDF with the bundled font: " + pdf.body().length + " bytes");
    }

    @Test
    void aMissingArticleOrVersionIsNotFoundInEveryFormat() throws Exception {
        long id = importer.importText("导出错误的文章。" + System.nanoTime()).articleId();

        for (String format : FORMATS) {
            HttpResponse<byte[]> article = get("/api/articles/987654321/export?format=" + format);
            HttpResponse<byte[]> version = get("/api/articles/" + id + "/export?format=" + format + "&version=7");
            HttpResponse<byte[]> zip = get("/api/export?ids=" + id + ",987654321&format=" + format);

            assertThat(article.statusCode()).as(format).isEqualTo(404);
            assertThat(error(article)).as(format).contains("987654321");
            assertThat(version.statusCode()).as(format).isEqualTo(404);
            assertThat(error(version)).as(format).contains("version 7");
            assertThat(zip.statusCode()).as(format).isEqualTo(404);
            assertThat(error(zip)).as(format).contains("987654321");
        }
    }

    @Test
    void whatTheUserTypedWrongIsABadRequestThatSaysWhat() throws Exception {
        long id = importer.importText("导出参数错误。" + System.nanoTime()).articleId();

        assertBadRequest(get("/api/articles/" + id + "/export?format=docx"), "md, html, pdf, epub, anki or json");
        for (String format : FORMATS) {
            assertBadRequest(get("/api/articles/" + id + "/export?format=" + format + "&version=latest"),
                    "'latest' is not a valid version");
        }
        assertBadRequest(get("/api/articles/abc/export?format=md"), "'abc' is not a valid id");
        assertBadRequest(get("/api/export?format=md"), "'ids' is missing");
        assertBadRequest(get("/api/export?ids=&format=md"), "at least one article");
        assertBadRequest(get("/api/export?ids=,%20,&format=md"), "at least one article");
        assertBadRequest(get("/api/export?ids=1;2&format=md"), "article numbers separated by commas");
        assertBadRequest(get("/api/export?ids=99999999999999999999&format=md"), "article numbers");
        assertBadRequest(get("/api/export?ids=" + id + "&format=docx"), "md, html, pdf, epub, anki or json");
    }

    private void assertBadRequest(HttpResponse<byte[]> response, String message) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
        assertThat(error(response)).as(response.uri().toString()).contains(message);
    }

    @Test
    void textThatIsNoValidXmlStillExportsInEveryFormat() throws Exception {
        long id = importer.importText("控制字符与半个代理对。" + System.nanoTime()).articleId();
        // A JSON export edited by hand (or by another tool) can carry control characters that XML forbids; imported
        // back, they are stored as they are. (An unpaired surrogate is refused at the door: UnicodeAtTheDoorTest.)
        ObjectNode export = (ObjectNode) json.readTree(get("/api/articles/" + id + "/export?format=json").body());
        JsonNode block = export.findValue("blocks").get(0);
        ((ObjectNode) block).put("text", "控制字符\u0001与\u000B控制字符，𠮷野家。");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(export))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        long copy = json.readTree(posted.body()).path("id").asLong();

        for (String format : FORMATS) {
            HttpResponse<byte[]> response = get("/api/articles/" + copy + "/export?format=" + format);
            assertThat(response.statusCode()).as(format + ": " + new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
        }
        try (PDDocument document = Loader.loadPDF(get("/api/articles/" + copy + "/export?format=pdf").body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("控制字符", "野家");
        }
    }
}
