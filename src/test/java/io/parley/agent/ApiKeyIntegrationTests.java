package io.parley.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.AdminApiTestSupport;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin-issued API keys end to end: issue, use (Bearer and X-Api-Key), scopes, read-only, revoke. */
@ParleyIntegrationTest
class ApiKeyIntegrationTests extends AdminApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgentScopedKeyReachesTheAgentAreaOnlyAndIsStoredHashed() throws Exception {
        Api.Response issued = api.post("/api/agent/api-keys", admin, Map.of("name", "CRM sync", "scopes", List.of("agent")));
        assertThat(issued.status()).isEqualTo(201);
        JsonNode body = issued.json();
        String key = body.get("key").asString();
        String id = body.get("id").asString();
        assertThat(key).startsWith("pk_").hasSizeGreaterThan(40);
        assertThat(body.get("prefix").asString()).isEqualTo(key.substring(0, 11));
        assertThat(body.get("scopes").toString()).isEqualTo("[\"agent\"]");

        // at rest: the SHA-256 of the key, never the key
        Map<String, Object> row = jdbc.sql("select * from api_key where id = ?::uuid").param(id).query().singleRow();
        assertThat(row.get("secret_hash")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        assertThat(row.values().toString()).doesNotContain(key.substring(3));
        // shown once: neither the list nor the key's own page has it again
        assertThat(api.get("/api/agent/api-keys", admin).body()).contains(id).doesNotContain(key);
        assertThat(api.get("/api/agent/api-keys/" + id, admin).json().get("key").isNull()).isTrue();

        assertThat(api.get("/api/tickets", key).status()).isEqualTo(200);
        assertThat(withHeader("GET", "/api/tickets", key).statusCode()).isEqualTo(200);
        // outside its scope
        Api.Response articles = api.get("/api/articles", key);
        assertThat(articles.status()).isEqualTo(403);
        assertThat(articles.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/agent/staff", key).status()).isEqualTo(403);
        assertThat(api.get("/api/privacy/customers?email=a@b.c", key).status()).isEqualTo(403);
        assertThat(jdbc.sql("select last_used_at from api_key where id = ?::uuid").param(id).query(Instant.class).single())
                .isNotNull();
    }

    @Test
    void aReadOnlyKeyMayReadButNotWrite() {
        String key = issue(Map.of("name", "Docs mirror", "scopes", List.of("writer"), "readOnly", true));
        assertThat(api.get("/api/articles", key).status()).isEqualTo(200);
        long articles = jdbc.sql("select count(*) from article").query(Long.class).single();
        Api.Response write = api.post("/api/articles", key, Map.of("title", "x", "body", "y", "locale", "en"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("code").asString()).isEqualTo("api_key_read_only");
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from article").query(Long.class).single()).isEqualTo(articles);
    }

    @Test
    void aRevokedKeyStopsAtTheNextRequest() throws Exception {
        JsonNode issued = api.post("/api/agent/api-keys", admin, Map.of("name", "Old BI export", "scopes", List.of("admin")))
                .json();
        String id = issued.get("id").asString();
        String key = issued.get("key").asString();
        assertThat(api.get("/api/agent/staff", key).status()).as("admin scope implies the admin area").isEqualTo(200);

        JsonNode revoked = api.delete("/api/agent/api-keys/" + id, admin).json();
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
        Api.Response refused = api.get("/api/agent/staff", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("revoked");
        HttpResponse<String> viaHeader = withHeader("GET", "/api/agent/staff", key);
        assertThat(viaHeader.statusCode()).isEqualTo(401);
        assertThat(viaHeader.body()).contains("X-Api-Key");
    }

    @Test
    void keysAreIssuedByAdminsOnlyAndValidated() {
        String admin2 = issue(Map.of("name", "Automation", "scopes", List.of("admin")));
        // an admin-scoped key still cannot mint keys: keys come from people
        Api.Response minted = api.post("/api/agent/api-keys", admin2, Map.of("name", "x", "scopes", List.of("admin")));
        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.json().get("code").asString()).isEqualTo("api_key_management_needs_staff");

        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/agent/api-keys", customer).status()).isEqualTo(403);
        assertThat(api.get("/api/agent/api-keys", null).status()).isEqualTo(401);

        Api.Response badScope = api.post("/api/agent/api-keys", admin, Map.of("name", "x", "scopes", List.of("root")));
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.json().get("fields").get("scopes").asString()).contains("agent, writer, admin");
        Api.Response noName = api.post("/api/agent/api-keys", admin, Map.of("scopes", List.of("agent")));
        assertThat(noName.json().get("fields").has("name")).isTrue();
        Api.Response past = api.post("/api/agent/api-keys", admin, Map.of("name", "x", "scopes", List.of("agent"),
                "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(past.json().get("fields").has("expiresAt")).isTrue();
        assertThat(api.delete("/api/agent/api-keys/" + java.util.UUID.randomUUID(), admin).json().get("code").asString())
                .isEqualTo("api_key_not_found");
    }

    @Test
    void stompDoesNotAcceptApiKeys() {
        String key = issue(Map.of("name", "Robot", "scopes", List.of("agent")));
        try (StompTestClient stomp = StompTestClient.connect(port, key)) {
            assertThat(stomp.awaitError().toString()).containsIgnoringCase("token");
            assertThat(stomp.connected()).isFalse();
        }
    }

    private String issue(Map<String, Object> request) {
        Api.Response issued = api.post("/api/agent/api-keys", admin, request);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("key").asString();
    }

    private HttpResponse<String> withHeader(String method, String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", key).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
