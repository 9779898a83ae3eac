package io.parley.knowledge;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.parley.ParleyIntegrationTest.ADMIN_EMAIL;
import static io.parley.ParleyIntegrationTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The writer API over real HTTP, as a writer (not an admin) would use it. */
@ParleyIntegrationTest
class ArticlesIntegrationTests {

    @LocalServerPort
    int port;

    Api api;
    String writer;
    String writerId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = "writer-" + UUID.randomUUID() + "@example.com";
        Api.Response created = api.post("/api/agent/staff", admin,
                Map.of("email", email, "name", "Wendy Writer", "password", "writer-password", "roles", List.of("WRITER")));
        writerId = created.json().get("id").asString();
        writer = api.login(email, "writer-password");
    }

    @Test
    void aWriterCreatesEditsPublishesUnpublishesAndArchivesAnArticle() {
        String slug = uniqueSlug();
        Api.Response created = api.post("/api/articles", writer, Map.of("slug", slug, "title", "Reset your password",
                "body", "Click *Forgot password*.", "tags", List.of("account", "login")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode article = created.json();
        String id = article.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/articles/" + id);
        assertThat(article.get("status").asString()).isEqualTo("draft");
        assertThat(article.get("locale").asString()).isEqualTo("en");
        assertThat(article.get("author").asString()).isEqualTo("Wendy Writer");
        assertThat(article.get("version").asLong()).isZero();
        assertThat(article.has("deletedAt")).isFalse();
        assertThat(article.has("live")).isFalse();
        assertThat(article.has("content")).isFalse();

        JsonNode edited = api.put("/api/articles/" + id, writer, Map.of("version", 0, "body", "Use the link in the email.")).json();
        assertThat(edited.get("body").asString()).isEqualTo("Use the link in the email.");
        assertThat(edited.get("title").asString()).isEqualTo("Reset your password");
        assertThat(edited.get("tags")).hasSize(2);
        assertThat(edited.get("version").asLong()).isEqualTo(1);

        JsonNode published = api.post("/api/articles/" + id + "/publish", writer, null).json();
        assertThat(published.get("status").asString()).isEqualTo("published");
        assertThat(published.get("publishedAt").isNull()).isFalse();

        Api.Response again = api.post("/api/articles/" + id + "/publish", writer, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("article_transition_refused");

        assertThat(api.post("/api/articles/" + id + "/unpublish", writer, null).json().get("status").asString()).isEqualTo("draft");
        assertThat(api.post("/api/articles/" + id + "/archive", writer, null).json().get("status").asString()).isEqualTo("archived");

        Api.Response publishArchived = api.post("/api/articles/" + id + "/publish", writer, null);
        assertThat(publishArchived.status()).isEqualTo(409);
        assertThat(publishArchived.json().get("detail").asString()).contains("archived article cannot be published");
        Api.Response editArchived = api.put("/api/articles/" + id, writer, Map.of("version", 4, "title", "Sneaky edit"));
        assertThat(editArchived.status()).isEqualTo(409);
        assertThat(editArchived.json().get("code").asString()).isEqualTo("article_transition_refused");

        // a PUT may move the status too, by the same rules: archived goes back to draft before it can be published
        assertThat(api.put("/api/articles/" + id, writer, Map.of("version", 4, "status", "published")).status()).isEqualTo(409);
        JsonNode draft = api.put("/api/articles/" + id, writer, Map.of("version", 4, "status", "draft")).json();
        assertThat(draft.get("status").asString()).isEqualTo("draft");
        JsonNode back = api.put("/api/articles/" + id, writer,
                Map.of("version", draft.get("version").asLong(), "title", "Reset it", "status", "published")).json();
        assertThat(back.get("status").asString()).isEqualTo("published");
        assertThat(back.get("title").asString()).isEqualTo("Reset it");
        assertThat(api.get("/api/articles/" + id + "/revisions", writer).json())
                .extracting(r -> r.get("action").asString()).startsWith("published", "edited", "unarchived", "archived");
    }

    @Test
    void everySaveIsARevisionWithWhoAndWhenAndARestoreAddsOne() {
        String id = create(uniqueSlug(), "First title", "First body").get("id").asString();
        api.put("/api/articles/" + id, writer, Map.of("version", 0, "title", "Second title", "body", "Second body"));
        api.post("/api/articles/" + id + "/publish", writer, null);

        JsonNode restored = api.post("/api/articles/" + id + "/revisions/1/restore", writer, null).json();

        assertThat(restored.get("title").asString()).isEqualTo("First title");
        assertThat(restored.get("body").asString()).isEqualTo("First body");
        assertThat(restored.get("status").asString()).isEqualTo("published");
        JsonNode revisions = api.get("/api/articles/" + id + "/revisions", writer).json();
        assertThat(revisions).extracting(r -> r.get("revision").asInt()).containsExactly(4, 3, 2, 1);
        assertThat(revisions).extracting(r -> r.get("action").asString()).containsExactly("restored", "published", "edited", "created");
        assertThat(revisions.get(0).get("restoredFrom").asInt()).isEqualTo(1);
        assertThat(revisions.get(1).get("status").asString()).isEqualTo("published");
        assertThat(revisions.get(2).get("title").asString()).isEqualTo("Second title");
        for (JsonNode revision : revisions) {
            assertThat(revision.get("editor").get("id").asString()).isEqualTo(writerId);
            assertThat(revision.get("editor").get("name").asString()).isEqualTo("Wendy Writer");
            assertThat(revision.get("createdAt").asString()).isNotBlank();
        }
        // history is not rewritten: revision 2 still holds what it held
        assertThat(api.get("/api/articles/" + id + "/revisions/2", writer).json().get("body").asString()).isEqualTo("Second body");
        Api.Response missing = api.post("/api/articles/" + id + "/revisions/99/restore", writer, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("revision_not_found");
    }

    @Test
    void anEditBasedOnAnOldVersionIsAConflict() {
        String id = create(uniqueSlug(), "Title", "Body").get("id").asString();
        assertThat(api.put("/api/articles/" + id, writer, Map.of("version", 0, "body", "Alice's edit")).status()).isEqualTo(200);

        Api.Response stale = api.put("/api/articles/" + id, writer, Map.of("version", 0, "body", "Bob's edit"));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("article_version_conflict");
        assertThat(api.get("/api/articles/" + id, writer).json().get("body").asString()).isEqualTo("Alice's edit");
        Api.Response noVersion = api.put("/api/articles/" + id, writer, Map.of("body", "Carol's edit"));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().get("fields").has("version")).isTrue();
    }

    @Test
    void invalidInputIsA400NamingEachField() {
        Api.Response response = api.post("/api/articles", writer, Map.of("slug", "Bad Slug!", "locale", "english please",
                "title", "", "body", "  ", "status", "live", "tags", IntStream.range(0, 21).mapToObj(i -> "tag" + i).toList()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        JsonNode fields = api.post("/api/articles", writer, Map.of("slug", "Bad Slug!", "locale", "english please",
                "title", "", "body", "  ", "tags", IntStream.range(0, 21).mapToObj(i -> "tag" + i).toList())).json().get("fields");
        assertThat(fields.propertyNames()).contains("slug", "locale", "title", "body", "tags");
        assertThat(response.json().get("fields").has("status")).isTrue();
        assertThat(api.post("/api/articles", writer, Map.of("title", "x".repeat(201), "body", "b")).json()
                .get("fields").get("title").asString()).contains("200");
    }

    @Test
    void slugsAreUniquePerLocaleAndDefaultToTheTitle() {
        String title = "Cancel subscription " + UUID.randomUUID();
        JsonNode english = create(null, title, "Body");
        String slug = english.get("slug").asString();
        assertThat(slug).isEqualTo(ArticleValidation.slugify(title)).startsWith("cancel-subscription-");

        Api.Response duplicate = api.post("/api/articles", writer, Map.of("title", title, "body", "Other body"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("article_slug_taken");

        Api.Response turkish = api.post("/api/articles", writer, Map.of("slug", slug, "locale", "tr", "title", "Aboneliği iptal",
                "body", "Gövde", "translationOf", slug, "status", "published"));
        assertThat(turkish.status()).isEqualTo(201);
        assertThat(turkish.json().get("status").asString()).isEqualTo("published");
        assertThat(turkish.json().get("translationOf").asString()).isEqualTo(slug);

        // a deleted article frees its slug, and is gone from the API
        String id = english.get("id").asString();
        assertThat(api.delete("/api/articles/" + id, writer).status()).isEqualTo(204);
        Api.Response gone = api.get("/api/articles/" + id, writer);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("article_not_found");
        assertThat(api.put("/api/articles/" + id, writer, Map.of("version", 1, "title", "Zombie")).status()).isEqualTo(404);
        assertThat(api.post("/api/articles", writer, Map.of("title", title, "body", "Again")).status()).isEqualTo(201);
    }

    @Test
    void theListFiltersByLocaleStatusAndTextAndPages() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        create("list-" + marker + "-a", "Alpha " + marker, "Body");
        String published = create("list-" + marker + "-b", "Beta " + marker, "Body").get("id").asString();
        api.post("/api/articles/" + published + "/publish", writer, null);
        api.post("/api/articles", writer, Map.of("slug", "list-" + marker + "-c", "locale", "fa", "title", "Gamma " + marker, "body", "Body"));

        JsonNode all = api.get("/api/articles?q=" + marker.toUpperCase(), writer).json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("items").get(0).has("body")).isFalse();
        assertThat(api.get("/api/articles?q=" + marker + "&status=published", writer).json().get("items"))
                .extracting(i -> i.get("id").asString()).containsExactly(published);
        assertThat(api.get("/api/articles?q=" + marker + "&locale=fa", writer).json().get("items"))
                .extracting(i -> i.get("title").asString()).containsExactly("Gamma " + marker);
        JsonNode page = api.get("/api/articles?q=" + marker + "&size=2&page=1", writer).json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(api.get("/api/articles?status=gone", writer).json().get("fields").has("status")).isTrue();
        assertThat(api.get("/api/articles?q=%25", writer).status()).isEqualTo(200);
    }

    @Test
    void unknownIdsAre404() {
        String path = "/api/articles/" + UUID.randomUUID();
        for (Api.Response response : List.of(api.get(path, writer), api.post(path + "/publish", writer, null),
                api.delete(path, writer), api.get(path + "/revisions", writer))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("article_not_found");
        }
    }

    private JsonNode create(String slug, String title, String body) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("title", title, "body", body));
        if (slug != null) {
            request.put("slug", slug);
        }
        Api.Response response = api.post("/api/articles", writer, request);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String uniqueSlug() {
        return "article-" + UUID.randomUUID();
    }
}
