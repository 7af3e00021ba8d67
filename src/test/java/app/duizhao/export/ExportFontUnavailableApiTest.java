package app.duizhao.export;

import app.duizhao.importing.ImportService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PDF font configured by the operator that cannot be used makes PDF export answer 503 with a message naming the
 * setting (never 500, and never a silent fall back to another font); the other formats go on working, and once
 * the file is a usable font the PDF is served with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExportFontUnavailableApiTest {

    static final Path FOLDER = temporaryFolder();
    static final Path FONT = FOLDER.resolve("operator-font.ttf");

    @DynamicPropertySource
    static void configuredFont(DynamicPropertyRegistry registry) {
        registry.add("duizhao.export.cjk-font", FONT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ImportService importer;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUnusableConfiguredFontIsServiceUnavailableWithWhatToChangeThenItsFontIsUsed() throws Exception {
        long id = importer.importText("运维配置的字体。" + System.nanoTime()).articleId();

        Files.deleteIfExists(FONT);
        assertUnavailable(get("/api/articles/" + id + "/export?format=pdf"), "does not exist");
        assertUnavailable(get("/api/export?ids=" + id + "&format=pdf"), "does not exist");
        for (String format : ExportErrorsApiTest.FORMATS) {
            if (!format.equals("pdf")) {
                assertThat(get("/api/articles/" + id + "/export?format=" + format).statusCode()).as(format)
                        .isEqualTo(200);
            }
        }

        Files.writeString(FONT, "not a font at all");
        assertUnavailable(get("/api/articles/" + id + "/export?format=pdf"), "TrueType (.ttf)");

        try (InputStream bundled = CjkFont.class.getResourceAsStream(CjkFont.BUNDLED_RESOURCE)) {
            Files.copy(bundled, FONT, StandardCopyOption.REPLACE_EXISTING);
        }
        HttpResponse<byte[]> pdf = get("/api/articles/" + id + "/export?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("运维配置的字体");
        }
    }

    private static void assertUnavailable(HttpResponse<byte[]> response, String why) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(503);
        String error = JsonMapper.builder().build().readTree(response.body()).path("error").asString();
        assertThat(error).contains("duizhao.export.cjk-font", FONT.toString(), why);
    }

    @AfterAll
    static void removeFolder() throws IOException {
        Files.deleteIfExists(FONT);
        Files.deleteIfExists(FOLDER);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("duizhao-font");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
