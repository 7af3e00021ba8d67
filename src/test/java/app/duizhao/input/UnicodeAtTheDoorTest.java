package app.duizhao.input;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that is not valid Unicode is refused at the door with a clear 400, before anything is stored: a lone
 * surrogate escape in a JSON body (the one thing strict UTF-8 decoding cannot catch), and bytes that are not UTF-8.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UnicodeAtTheDoorTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLoneSurrogateInPostedJsonIsRefusedWithAClear400AndNothingIsStored() throws Exception {
        HttpResponse<String> refused = post("/api/articles", "{\"text\": \"中国\\ud800新闻。\"}".getBytes("UTF-8"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).startsWith("{\"error\":").contains("not valid Unicode", "surrogate");

        assertThat(post("/api/articles", "{\"text\": \"中国\\udc00\"}".getBytes("UTF-8")).statusCode()).isEqualTo(400);
        byte[] notUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        HttpResponse<String> bytes = post("/api/articles", notUtf8);
        assertThat(bytes.statusCode()).isEqualTo(400);
        assertThat(bytes.body()).contains("not valid UTF-8");

        // A pair written as two escapes is a real character, and an escaped backslash is no escape at all.
        HttpResponse<String> stored = post("/api/articles",
                "{\"text\": \"中国新闻报道😀\\ud83d\\ude00，路径\\\\ud800。\"}".getBytes("UTF-8"));
        assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
    }

    @Test
    void theCheckFindsOnlyUnpairedSurrogates() {
        assertThat(UnicodeText.firstLoneSurrogateEscape("\"a\\ud800\"")).hasValue(2);
        assertThat(UnicodeText.firstLoneSurrogateEscape("\"\\ud83d\\ude00\"")).isEmpty();
        assertThat(UnicodeText.firstLoneSurrogateEscape("\"\\\\ud800\"")).isEmpty();
        assertThat(UnicodeText.firstLoneSurrogateEscape("\"\\ud83d\\n\"")).hasValue(1);
        assertThat(UnicodeText.firstLoneSurrogateEscape("\"\\ud83d\"")).hasValue(1);
        assertThat(UnicodeText.firstLoneSurrogate("a\ud800b")).hasValue(1);
        assertThat(UnicodeText.firstLoneSurrogate("😀")).isEmpty();
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
