package app.duizhao.library;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebLinksTest {

    @Test
    void onlyParsedAbsoluteHttpAndHttpsAddressesWithAHostPass() {
        assertThat(WebLinks.web("https://example.org/a.jpg")).contains("https://example.org/a.jpg");
        assertThat(WebLinks.web(" HTTP://example.org/图片.png ")).contains("HTTP://example.org/%E5%9B%BE%E7%89%87.png");
        assertThat(WebLinks.web("https://example.org/a b.jpg")).contains("https://example.org/a%20b.jpg");
        assertThat(WebLinks.web("//example.org/a.jpg")).isEmpty();
        assertThat(WebLinks.web("/a.jpg")).isEmpty();
        assertThat(WebLinks.web("https:///a.jpg")).isEmpty();
        assertThat(WebLinks.web("ftp://example.org/a.jpg")).isEmpty();
        assertThat(WebLinks.web(null)).isEmpty();
    }

    @Test
    void scriptAddressesAreRefusedHoweverTheyAreDisguised() {
        for (String address : new String[]{"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                "java\nscript:alert(1)", "java\u0000script:alert(1)", "\u0001javascript:alert(1)",
                " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
                "javascript://example.org/%0aalert(1)", "https:\\\\example.org", "http://exa\tmple.org/",
                "https://exa\u2028mple.org/"}) {
            assertThat(WebLinks.web(address)).as(address.replace("\t", "\\t")).isEmpty();
        }
    }
}
