package io.parley.customer;

import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ParleyIntegrationTest
class WidgetSessionIntegrationTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anAnonymousVisitorGetsAVisitorIdAndTheirConversationsBackWithIt() {
        JsonNode first = api.session(Map.of("name", "Ada"));
        String visitorId = first.get("visitorId").asString();
        assertThat(visitorId).hasSizeGreaterThanOrEqualTo(16);
        assertThat(first.get("customer").get("identified").asBoolean()).isFalse();
        String conversationId = api.startConversation(first.get("token").asString(), "Billing question").get("id").asString();

        JsonNode returning = api.session(Map.of("visitorId", visitorId));

        assertThat(returning.get("customer").get("id").asString()).isEqualTo(first.get("customer").get("id").asString());
        assertThat(returning.get("customer").get("name").asString()).isEqualTo("Ada");
        JsonNode threads = api.get("/api/widget/conversations", returning.get("token").asString()).json();
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).get("id").asString()).isEqualTo(conversationId);

        JsonNode stranger = api.session(Map.of());
        assertThat(stranger.get("visitorId").asString()).isNotEqualTo(visitorId);
        assertThat(api.get("/api/widget/conversations", stranger.get("token").asString()).json()).isEmpty();
    }

    @Test
    void anIdentifiedCustomerSeesTheSameConversationsOnEveryDevice() {
        String userId = "user-" + UUID.randomUUID();
        String hash = SignedTokens.hmacHex(ParleyIntegrationTest.IDENTITY_SECRET, userId);
        JsonNode laptop = api.session(Map.of("userId", userId, "userHash", hash, "name", "Grace", "email", "grace@example.com"));
        String conversationId = api.startConversation(laptop.get("token").asString(), "From the laptop").get("id").asString();

        JsonNode phone = api.session(Map.of("userId", userId, "userHash", hash.toUpperCase()));

        assertThat(phone.get("customer").get("id").asString()).isEqualTo(laptop.get("customer").get("id").asString());
        assertThat(phone.get("customer").get("identified").asBoolean()).isTrue();
        assertThat(phone.get("customer").get("email").asString()).isEqualTo("grace@example.com");
        JsonNode threads = api.get("/api/widget/conversations", phone.get("token").asString()).json();
        assertThat(threads).extracting(t -> t.get("id").asString()).containsExactly(conversationId);
    }

    @Test
    void aWrongUserHashIsRejectedWith401AndCreatesNothing() {
        String userId = "user-" + UUID.randomUUID();
        Api.Response wrong = api.post("/api/widget/sessions", null,
                Map.of("userId", userId, "userHash", SignedTokens.hmacHex("not-the-secret", userId)));
        Api.Response missing = api.post("/api/widget/sessions", null, Map.of("userId", userId));
        Api.Response hashWithoutUser = api.post("/api/widget/sessions", null, Map.of("userHash", "abcd"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).contains("application/problem+json");
        assertThat(wrong.json().get("code").asString()).isEqualTo("identity_verification_failed");
        assertThat(wrong.json().get("detail").asString()).contains("userHash does not match");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(hashWithoutUser.status()).isEqualTo(401);

        // the right hash afterwards creates a fresh customer: the failed attempts left nothing behind
        JsonNode right = api.session(Map.of("userId", userId, "userHash", SignedTokens.hmacHex(ParleyIntegrationTest.IDENTITY_SECRET, userId)));
        assertThat(api.get("/api/widget/conversations", right.get("token").asString()).json()).isEmpty();
    }

    @Test
    void tokensAreCheckedOnEveryRestCallAndStompConnect() {
        String token = api.session(Map.of()).get("token").asString();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThat(api.get("/api/widget/conversations", null).status()).isEqualTo(401);
        Api.Response bad = api.get("/api/widget/conversations", tampered);
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("detail").asString()).contains("invalid or has expired");
        assertThat(api.get("/api/widget/conversations", token).status()).isEqualTo(200);

        try (StompTestClient anonymous = StompTestClient.connect(port, null);
                StompTestClient forged = StompTestClient.connect(port, tampered)) {
            assertThat(anonymous.awaitError().get("message").toString()).contains("Authorization");
            assertThat(forged.awaitError().get("code")).isEqualTo("unauthorized");
            assertThat(anonymous.connected()).isFalse();
            assertThat(forged.connected()).isFalse();
        }
    }

    @Test
    void whatAVisitorStartedFollowsThemOnceIdentified() {
        JsonNode visitor = api.session(Map.of());
        String conversationId = api.startConversation(visitor.get("token").asString(), "Before login").get("id").asString();
        String userId = "user-" + UUID.randomUUID();

        JsonNode identified = api.session(Map.of("visitorId", visitor.get("visitorId").asString(), "userId", userId,
                "userHash", SignedTokens.hmacHex(ParleyIntegrationTest.IDENTITY_SECRET, userId)));

        JsonNode threads = api.get("/api/widget/conversations", identified.get("token").asString()).json();
        assertThat(threads).extracting(t -> t.get("id").asString()).containsExactly(conversationId);
        assertThat(api.get("/api/widget/conversations", visitor.get("token").asString()).json()).isEmpty();
    }

    @Test
    void invalidSessionInputIsAProblemNamingTheField() {
        Api.Response response = api.post("/api/widget/sessions", null, Map.of("email", "not-an-email", "visitorId", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("fields").has("email")).isTrue();
        assertThat(response.json().get("fields").has("visitorId")).isTrue();
        assertThat(api.post("/api/widget/sessions", null, "{not json").status()).isEqualTo(400);
    }
}
