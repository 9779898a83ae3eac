package io.parley.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index follows PostgreSQL: the sample knowledge base is imported at start-up, and publish / unpublish /
 * delete through the writer API show up in search within a second.
 */
@ParleyIntegrationTest
class KnowledgeSearchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeImport knowledgeImport;

    @Autowired
    KnowledgeSearch search;

    Api api;
    String writer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        writer = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void theSampleKnowledgeBaseIsImportedAndSearchableInEveryShippedLanguage() {
        assertThat(topSlug("How do I reset my password?", "en")).isEqualTo("resetting-your-password");
        assertThat(topSlug("Şifremi unuttum, nasıl sıfırlarım?", "tr")).isEqualTo("sifrenizi-sifirlama");
        assertThat(topSlug("رمز عبورم را فراموش کرده‌ام، چطور آن را بازنشانی کنم؟", "fa")).isEqualTo("resetting-your-password-fa");

        JsonNode response = api.get("/api/search?q=" + encode("faturamı nereden indirebilirim") + "&locale=tr", null).json();
        assertThat(response.get("searchedLocale").asString()).isEqualTo("tr");
        JsonNode hit = response.get("hits").get(0);
        assertThat(hit.get("slug").asString()).isEqualTo("faturalar-ve-makbuzlar");
        assertThat(hit.get("title").asString()).isNotBlank();
        assertThat(hit.get("url").asString()).isNotBlank();
        assertThat(hit.get("snippet").asString()).isNotBlank();
    }

    @Test
    void aLocaleWithoutArticlesFallsBackToTheDefaultLocale() {
        JsonNode response = api.get("/api/search?q=" + encode("two-factor authentication") + "&locale=de", null).json();
        assertThat(response.get("fellBack").asBoolean()).isTrue();
        assertThat(response.get("searchedLocale").asString()).isEqualTo("en");
        assertThat(response.get("hits").get(0).get("slug").asString()).isEqualTo("two-factor-authentication");
    }

    @Test
    void publishedArticlesAreSearchableWithinASecondAndWithdrawnOnesDisappear() throws Exception {
        String marker = "zorbulator" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode created = api.post("/api/articles", writer, Map.of("title", "Configuring the " + marker,
                "locale", "en", "body", "## Setup\n\nThe " + marker + " is configured under Settings > Labs.",
                "tags", List.of("labs"))).json();
        String id = created.get("id").asString();
        String slug = created.get("slug").asString();
        assertThat(hits(marker)).doesNotContain(slug); // drafts are not searchable

        api.post("/api/articles/" + id + "/publish", writer, null);
        assertThat(awaitHits(marker, slug, true)).isLessThan(Duration.ofSeconds(1));
        assertThat(hits(marker).get(0)).isEqualTo(slug);

        api.post("/api/articles/" + id + "/unpublish", writer, null);
        assertThat(awaitHits(marker, slug, false)).isLessThan(Duration.ofSeconds(1));

        api.post("/api/articles/" + id + "/publish", writer, null);
        awaitHits(marker, slug, true);
        assertThat(api.delete("/api/articles/" + id, writer).status()).isIn(200, 204);
        assertThat(awaitHits(marker, slug, false)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anImportReportsBadFilesWithTheirPathAndReasonAndImportsTheRestOnce(@TempDir Path folder) throws Exception {
        String slug = "import-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(folder.resolve(slug + ".md"), "---\ntitle: \"Good article\"\ntags: [test]\n---\n## Part\n\nQuuxframe settings.\n");
        Files.writeString(folder.resolve("no-title.md"), "---\nslug: no-title\n---\nBody without a title.\n");
        Files.writeString(folder.resolve("broken.md"), "---\ntitle: [unclosed\n---\nBody\n");
        Files.writeString(folder.resolve("empty.md"), "---\ntitle: Empty\n---\n   \n");

        KnowledgeImport.Report first = knowledgeImport.importFolder(folder, Editor.system("test"));
        KnowledgeImport.Report second = knowledgeImport.importFolder(folder, Editor.system("test"));

        assertThat(first.counts().get(ImportResult.Outcome.CREATED)).isEqualTo(1);
        assertThat(first.problems()).extracting(KnowledgeImport.Problem::path)
                .containsExactlyInAnyOrder("no-title.md", "broken.md", "empty.md");
        assertThat(first.problems()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
        assertThat(second.counts().get(ImportResult.Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(second.counts().get(ImportResult.Outcome.CREATED)).isZero();
        assertThat(search.search("quuxframe settings", "en", 3).hits()).extracting(h -> h.slug()).contains(slug);
    }

    @Test
    void theImportEndpointIsForWritersAndReportsWhatItDid() {
        JsonNode report = api.post("/api/articles/import", writer, null).json();
        assertThat(report.get("counts").get("UNCHANGED").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(report.get("problems")).isEmpty();

        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.post("/api/articles/import", customer, null).status()).isEqualTo(403);
    }

    @Test
    void searchInputIsValidated() {
        assertThat(api.get("/api/search?q=", null).status()).isEqualTo(400);
        assertThat(api.get("/api/search?q=x&limit=500", null).status()).isEqualTo(400);
        var notANumber = api.get("/api/search?q=x&limit=ten", null);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("detail").asString()).contains("limit");
        assertThat(api.get("/api/search?q=" + "x".repeat(1001), null).status()).isEqualTo(400);
    }

    @Test
    void aQueryOfAnyAcceptedLengthIsSearched() {
        // 1,000 characters of distinct words: more terms than Lucene accepts clauses, unless the query is capped
        StringBuilder q = new StringBuilder("reset password");
        for (int i = 0; q.length() < 990; i++) {
            q.append(" w").append(i);
        }
        var response = api.get("/api/search?q=" + encode(q.toString()) + "&locale=en", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("hits").get(0).get("slug").asString()).isEqualTo("resetting-your-password");
        assertThat(api.get("/api/search?q=" + encode(") ( * ? \" AND OR ~ ^ ["), null).status()).isEqualTo(200);
    }

    private String topSlug(String query, String locale) {
        return search.search(query, locale, 3).hits().get(0).slug();
    }

    private List<String> hits(String query) {
        JsonNode response = api.get("/api/search?q=" + encode(query) + "&locale=en", null).json();
        return response.get("hits").valueStream().map(h -> h.get("slug").asString()).toList();
    }

    /** How long until the search for {@code query} finds (or loses) {@code slug}; fails after 5 s. */
    private Duration awaitHits(String query, String slug, boolean present) {
        long start = System.nanoTime();
        Awaitility.await("search for " + query + (present ? " finds " : " loses ") + slug)
                .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> hits(query).contains(slug) == present);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
