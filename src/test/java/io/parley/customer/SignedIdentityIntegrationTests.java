package io.parley.customer;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.parley.ParleyIntegrationTest.IDENTITY_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 5: a signed identity (JWT) from the host application. What it signs is stored as verified; what
 * only the browser says is not; every rejected token has its own code and creates nothing.
 */
@ParleyIntegrationTest
class SignedIdentityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anHs256TokenStartsAnIdentifiedSessionWhoseSignedClaimsAreVerified() {
        String userId = "jwt-" + UUID.randomUUID();
        String jwt = IdentityJwts.hs256(IDENTITY_SECRET, IdentityJwts.claims(userId,
                Map.of("name", "Grace Hopper", "email", "grace@example.com", "company", "Navy", "plan", "enterprise", "seats", 40)));

        JsonNode session = api.session(Map.of("jwt", jwt, "locale", "en"));

        assertThat(session.get("customer").get("identified").asBoolean()).isTrue();
        assertThat(session.get("customer").get("name").asString()).isEqualTo("Grace Hopper");
        Customer customer = customers.findById(UUID.fromString(session.get("customer").get("id").asString())).orElseThrow();
        assertThat(customer.externalId()).isEqualTo(userId);
        assertThat(customer.verifiedFields()).containsExactlyInAnyOrder("name", "email", "company");
        assertThat(customer.attributes().values()).containsEntry("plan", tools.jackson.databind.node.StringNode.valueOf("enterprise"))
                .containsEntry("seats", tools.jackson.databind.node.IntNode.valueOf(40))
                .doesNotContainKeys("sub", "exp", "iat", "name");
        assertThat(api.get("/api/widget/conversations", session.get("token").asString()).status()).isEqualTo(200);
    }

    @Test
    void theSameUserByHmacHashAndByTokenIsOneCustomerAndTheBrowsersWordNeverReplacesASignedValue() {
        String userId = "jwt-" + UUID.randomUUID();
        JsonNode signed = api.session(Map.of("jwt", IdentityJwts.hs256(IDENTITY_SECRET,
                IdentityJwts.claims(userId, Map.of("name", "Signed Name")))));

        // the user hash proves the user id only; name and email come from the browser
        JsonNode hashed = api.session(Map.of("userId", userId, "userHash", SignedTokens.hmacHex(IDENTITY_SECRET, userId),
                "name", "Mallory", "email", "mallory@example.com"));

        assertThat(hashed.get("customer").get("id").asString()).isEqualTo(signed.get("customer").get("id").asString());
        Customer customer = customers.findById(UUID.fromString(hashed.get("customer").get("id").asString())).orElseThrow();
        assertThat(customer.name()).isEqualTo("Signed Name");
        assertThat(customer.email()).isEqualTo("mallory@example.com");
        assertThat(customer.verified("name")).isTrue();
        assertThat(customer.verified("email")).isFalse();
    }

    @Test
    void anHmacSessionMarksNothingButTheUserIdAsVerified() {
        String userId = "hmac-" + UUID.randomUUID();
        JsonNode session = api.session(Map.of("userId", userId, "userHash", SignedTokens.hmacHex(IDENTITY_SECRET, userId),
                "name", "Ada", "email", "ada@example.com", "company", "Engines"));

        Customer customer = customers.findById(UUID.fromString(session.get("customer").get("id").asString())).orElseThrow();
        assertThat(customer.identified()).isTrue();
        assertThat(customer.verifiedFields()).isEmpty();
    }

    @Test
    void badTokensAreRefusedEachWithItsOwnCodeAndCreateNothing() {
        String userId = "bad-" + UUID.randomUUID();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("identity_token_unsigned", IdentityJwts.unsigned(IdentityJwts.claims(userId, Map.of("name", "Eve"))));
        tokens.put("identity_token_bad_signature", IdentityJwts.hs256("another-applications-secret-0123456789",
                IdentityJwts.claims(userId, Map.of())));
        tokens.put("identity_token_expired", IdentityJwts.hs256(IDENTITY_SECRET, expiring(userId, Instant.now().minusSeconds(3600))));
        tokens.put("identity_token_missing_claim", IdentityJwts.hs256(IDENTITY_SECRET,
                new JWTClaimsSet.Builder().subject(userId).build()));
        tokens.put("identity_token_malformed", "not.a.jwt");
        tokens.put("identity_token_algorithm_not_accepted", IdentityJwts.rs256(IdentityJwts.rsaKey("k1"), IdentityJwts.claims(userId, Map.of())));
        Map<String, Object> tampered = new HashMap<>();
        String good = IdentityJwts.hs256(IDENTITY_SECRET, IdentityJwts.claims(userId, Map.of("name", "Eve")));
        String[] parts = good.split("\\.");
        String otherClaims = IdentityJwts.hs256(IDENTITY_SECRET, IdentityJwts.claims(userId, Map.of("name", "Admin"))).split("\\.")[1];
        tampered.put("jwt", parts[0] + "." + otherClaims + "." + parts[2]);

        for (Map.Entry<String, String> entry : tokens.entrySet()) {
            Api.Response response = api.post("/api/widget/sessions", null, Map.of("jwt", entry.getValue()));
            assertThat(response.status()).as(entry.getKey()).isEqualTo(401);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().get("code").asString()).as(entry.getKey()).isEqualTo(entry.getKey());
        }
        Api.Response swapped = api.post("/api/widget/sessions", null, tampered);
        assertThat(swapped.json().get("code").asString()).isEqualTo("identity_token_bad_signature");
        Api.Response noSubject = api.post("/api/widget/sessions", null, Map.of("jwt",
                IdentityJwts.hs256(IDENTITY_SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(60))).build())));
        assertThat(noSubject.json().get("code").asString()).isEqualTo("identity_token_missing_claim");
        assertThat(noSubject.json().get("detail").asString()).contains("'sub'");
        Api.Response otherUser = api.post("/api/widget/sessions", null, Map.of("jwt", good, "userId", "someone-else"));
        assertThat(otherUser.json().get("code").asString()).isEqualTo("identity_token_subject_mismatch");

        assertThat(jdbc.sql("select count(*) from customer where external_id = ?").param(userId).query(Long.class).single())
                .as("no refused token created a customer").isZero();
    }

    @Test
    void theAgentConsoleIsToldWhichAttributesAreSigned() {
        String userId = "jwt-" + UUID.randomUUID();
        JsonNode session = api.session(Map.of("jwt", IdentityJwts.hs256(IDENTITY_SECRET,
                IdentityJwts.claims(userId, Map.of("email", "signed@example.com", "tier", "gold"))), "name", "Typed In Browser"));
        String conversation = api.startConversation(session.get("token").asString(), "Help").get("id").asString();
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);

        JsonNode view = api.get("/api/agent/conversations/" + conversation, admin).json().get("customer");

        assertThat(view.get("name").asString()).isEqualTo("Typed In Browser");
        assertThat(view.get("verified").valueStream().map(JsonNode::asString).toList()).isEqualTo(List.of("email"));
        assertThat(view.get("attributes").get("tier").asString()).isEqualTo("gold");
    }

    private static JWTClaimsSet expiring(String subject, Instant at) {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(at)).build();
    }
}
