package io.parley.knowledge.help;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server-rendered help centre against the real application and database: pages, sanitising, hreflang and
 * canonical links, categories, search, sitemap, and "Was this helpful?" feeding the article's helpfulness.
 */
@ParleyIntegrationTest
class HelpCentreIntegrationTests {

    static final String SLUG = "help-centre-hostile-article";

    @LocalServerPort
    int port;

    Api api;
    String admin;
    String articleId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void cleanUp() {
        if (articleId != null) {
            api.delete("/api/articles/" + articleId, admin);
        }
    }

    @Test
    void theHomePageListsCategoriesFromTagsAndLinksEveryLocale() {
        Api.Response home = api.get("/help/en", null);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        String html = home.body();
        assertThat(html).contains("<html lang=\"en\" dir=\"ltr\">").contains("<h2 id=\"categories\">Categories</h2>")
                .contains("href=\"/help/en/tags/billing\"").contains("href=\"/help/en/resetting-your-password\"")
                .contains("<link rel=\"canonical\" href=\"http://localhost:" + port + "/help/en\">")
                .contains("hreflang=\"tr\" href=\"http://localhost:" + port + "/help/tr\"")
                .contains("hreflang=\"x-default\"")
                // the widget on every page, as a file (no inline script under the CSP)
                .contains("<script src=\"/widget/parley.js\" data-locale=\"en\" async></script>");
        assertThat(html.replace("<script src=", "")).doesNotContain("<script");
        assertThat(home.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/common/help.css\">");
        Api.Response css = api.get("/common/help.css", null);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");

        Api.Response persian = api.get("/help/fa", null);
        assertThat(persian.body()).contains("<html lang=\"fa\" dir=\"rtl\">").contains("مرکز راهنما");

        Api.Response category = api.get("/help/en/tags/billing", null);
        assertThat(category.status()).isEqualTo(200);
        assertThat(category.body()).contains("<h1>Billing</h1>").contains("/help/en/invoices-and-receipts");
    }

    @Test
    void helpRedirectsToTheReadersLanguage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> turkish = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/help"))
                .header("Accept-Language", "tr-TR,tr;q=0.9,en;q=0.5").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(turkish.statusCode()).isEqualTo(302);
        assertThat(turkish.headers().firstValue("Location")).hasValue("/help/tr");
        assertThat(api.get("/help", null).header("Location")).isEqualTo("/help/en");
    }

    @Test
    void anArticleIsRenderedOnTheServerSanitisedWithItsTranslationsAsAlternates() {
        Api.Response page = api.get("/help/en/cancelling-your-subscription", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>").contains("<link rel=\"canonical\" href=\"http://localhost:" + port
                        + "/help/en/cancelling-your-subscription\">")
                .contains("hreflang=\"tr\" href=\"http://localhost:" + port + "/help/tr/aboneliginizi-iptal-etme\"")
                .contains("<form method=\"post\" action=\"/help/en/cancelling-your-subscription/feedback\">");

        articleId = publish("""
                Intro with **bold** and <script>alert('x')</script> and <img src=x onerror=alert(1)>.

                ## Links
                [bad](javascript:alert(1)) [fine](https://example.com/docs) [mail](mailto:help@example.com)

                | Plan | Seats |
                | --- | --- |
                | Business | 50 |
                """);
        String html = api.get("/help/en/" + SLUG, null).body();
        assertThat(html).contains("<strong>bold</strong>").contains("<h2>Links</h2>")
                .contains("<th>Plan</th>").contains("<td>Business</td>")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;").doesNotContain("<script>alert")
                .doesNotContain("<img src=x").doesNotContain("javascript:")
                .contains("<a rel=\"nofollow noopener\" href=\"https://example.com/docs\">fine</a>")
                .contains("<a href=\"\">bad</a>").contains("<a href=\"mailto:help@example.com\">mail</a>")
                .contains("<meta name=\"description\" content=\"Intro with bold and");

        Api.Response missing = api.get("/help/en/no-such-article", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("This article does not exist or is not published.")
                .contains("<meta name=\"robots\" content=\"noindex, follow\">");
    }

    @Test
    void wasThisHelpfulCountsIntoTheArticlesHelpfulness() throws Exception {
        articleId = publish("A short article to rate.");
        JsonNode before = api.get("/api/insights/content-gaps/article-usage/" + articleId, admin).json();
        long helpful = before.get("helpful").asLong();
        long unhelpful = before.get("unhelpful").asLong();

        assertThat(form("/help/en/" + SLUG + "/feedback", "helpful=yes").statusCode()).isEqualTo(303);
        HttpResponse<String> answered = form("/help/en/" + SLUG + "/feedback", "helpful=no");
        assertThat(answered.statusCode()).isEqualTo(303);
        assertThat(answered.headers().firstValue("Location")).hasValue("/help/en/" + SLUG + "?feedback=thanks#feedback");
        assertThat(api.get("/help/en/" + SLUG + "?feedback=thanks", null).body()).contains("Thanks for your feedback!")
                .doesNotContain("name=\"helpful\"");
        assertThat(form("/help/en/" + SLUG + "/feedback", "helpful=maybe").statusCode()).isEqualTo(400);
        assertThat(form("/help/en/no-such-article/feedback", "helpful=yes").statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode after = api.get("/api/insights/content-gaps/article-usage/" + articleId, admin).json();
            assertThat(after.get("helpful").asLong()).isEqualTo(helpful + 1);
            assertThat(after.get("unhelpful").asLong()).isEqualTo(unhelpful + 1);
        });
    }

    @Test
    void searchResultsAndTheSitemap() {
        Api.Response results = api.get("/help/en/search?q=reset+my+password", null);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body()).contains("Results for “reset my password”")
                .contains("href=\"/help/en/resetting-your-password\"").contains("value=\"reset my password\"")
                .contains("noindex");
        Api.Response hostile = api.get("/help/en/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null);
        assertThat(hostile.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(api.get("/help/en/search?q=", null).status()).isEqualTo(303);

        Api.Response sitemap = api.get("/sitemap.xml", null);
        assertThat(sitemap.status()).isEqualTo(200);
        assertThat(sitemap.contentType()).startsWith("application/xml");
        assertThat(sitemap.body()).contains("<loc>http://localhost:" + port + "/help/en/resetting-your-password</loc>")
                .contains("<loc>http://localhost:" + port + "/help/fa</loc>")
                .contains("<xhtml:link rel=\"alternate\" hreflang=\"tr\" href=\"http://localhost:" + port
                        + "/help/tr/aboneliginizi-iptal-etme\"/>");
    }

    private String publish(String body) {
        Api.Response created = api.post("/api/articles", admin, Map.of("slug", SLUG, "locale", "en",
                "title", "A hostile article", "body", body, "tags", List.of("testing")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/articles/" + id + "/publish", admin, null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void aReaderWhoHoldsThePageGetsNotModifiedAndTheSameSearchIsAnsweredAgain() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI article = URI.create("http://localhost:" + port + "/help/en/resetting-your-password");
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(article).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        HttpResponse<String> held = http.send(HttpRequest.newBuilder(article).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).isEqualTo(304);
        assertThat(held.body()).isEmpty();
        assertThat(held.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(article).header("If-None-Match", "\"0\"").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());

        String results = api.get("/help/en/search?q=reset+my+password", null).body();
        assertThat(results).contains("/help/en/resetting-your-password");
        assertThat(api.get("/help/en/search?q=reset+my+password", null).body()).isEqualTo(results);
    }

    private HttpResponse<String> form(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
