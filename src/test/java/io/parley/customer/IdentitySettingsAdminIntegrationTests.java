package io.parley.customer;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.support.AdminApiTestSupport;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.parley.ParleyIntegrationTest.IDENTITY_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity settings an admin saves (HS256/userHash secret, RS256 PEM key or JWKS URI, clock skew): validated,
 * the secret sealed at rest and never shown again, and in force for the next widget session at once. The settings
 * are shared by every test of this JVM, so each test removes what it saved (back to the configuration).
 */
@ParleyIntegrationTest
class IdentitySettingsAdminIntegrationTests extends AdminApiTestSupport {

    static final String PATH = "/api/agent/identity-verification";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void backToConfiguration() {
        api.put(PATH, admin, Map.of("hmacSecret", "", "jwksUri", "", "publicKey", "", "clockSkewSeconds", 60));
        jdbc.sql("delete from customer_identity_settings").update();
    }

    @Test
    void savedSettingsAreSealedNeverShownAndInForceForTheNextSession() {
        JsonNode before = api.get(PATH, admin).json();
        assertThat(before.get("settings").get("hmacSecret").asString()).isEqualTo("CONFIGURATION");
        assertThat(before.get("jwt").get("hs256").asBoolean()).isTrue();

        String secret = "admin-saved-identity-secret-" + UUID.randomUUID();
        RSAKey key = IdentityJwts.rsaKey("admin-pem");
        Api.Response saved = api.put(PATH, admin, Map.of("hmacSecret", secret, "publicKey", IdentityJwts.pem(key), "clockSkewSeconds", 5));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(secret);
        JsonNode status = saved.json();
        assertThat(status.get("settings").get("hmacSecret").asString()).isEqualTo("ADMIN");
        assertThat(status.get("settings").get("publicKey").asString()).isEqualTo("ADMIN");
        assertThat(status.get("settings").get("updatedBy").asString()).isNotBlank();
        assertThat(status.get("jwt").get("rs256").asBoolean()).isTrue();
        assertThat(status.get("jwt").get("clockSkewSeconds").asLong()).isEqualTo(5);
        assertThat(api.get(PATH, admin).body()).doesNotContain(secret);

        String stored = jdbc.sql("select hmac_secret from customer_identity_settings").query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);

        // the userHash under the new secret identifies; under the configured one no longer
        String userId = "admin-set-" + UUID.randomUUID();
        JsonNode hashed = api.session(Map.of("userId", userId, "userHash", SignedTokens.hmacHex(secret, userId)));
        assertThat(hashed.get("customer").get("identified").asBoolean()).isTrue();
        assertThat(api.post("/api/widget/sessions", null, Map.of("userId", userId, "userHash",
                SignedTokens.hmacHex(IDENTITY_SECRET, userId))).status()).isEqualTo(401);
        assertThat(api.post(PATH + "/check", admin, Map.of("userId", userId, "userHash", SignedTokens.hmacHex(secret, userId)))
                .json().get("valid").asBoolean()).isTrue();

        // HS256 under the new secret, RS256 under the saved PEM key
        assertThat(api.session(Map.of("jwt", IdentityJwts.hs256(secret, IdentityJwts.claims(userId, Map.of()))))
                .get("customer").get("identified").asBoolean()).isTrue();
        assertThat(api.session(Map.of("jwt", IdentityJwts.rs256(key, IdentityJwts.claims("rsa-" + userId, Map.of()))))
                .get("customer").get("identified").asBoolean()).isTrue();

        // a token expired 30 s ago passes a 60 s skew, not the saved 5 s one
        JWTClaimsSet expired = new JWTClaimsSet.Builder().subject(userId).expirationTime(Date.from(Instant.now().minusSeconds(30))).build();
        Api.Response late = api.post("/api/widget/sessions", null, Map.of("jwt", IdentityJwts.hs256(secret, expired)));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.json().get("code").asString()).isEqualTo("identity_token_expired");
    }

    /**
     * RS256 set up on the admin page both ways and taken away again: a JWKS URI (the host application's key set,
     * served here by a local HTTP server), then a PEM key in its place, each verifying a token signed with the host's
     * private key, and each removed with an empty field, after which RS256 tokens are refused and HS256 still works.
     */
    @Test
    void anAdminSetsAJwksUriOrAPemKeyAndRemovesEither() throws Exception {
        RSAKey host = IdentityJwts.rsaKey("host-admin");
        byte[] keySet = IdentityJwts.jwks(host).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer jwks = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        jwks.start();
        try {
            String uri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
            String token = IdentityJwts.rs256(host, IdentityJwts.claims("jwks-" + UUID.randomUUID(), Map.of()));
            assertThat(rejection(token)).isEqualTo("identity_token_algorithm_not_accepted");

            JsonNode withUri = api.put(PATH, admin, Map.of("jwksUri", uri)).json();
            assertThat(withUri.get("settings").get("jwksUri").asString()).isEqualTo("ADMIN");
            assertThat(withUri.get("jwt").get("jwksUri").asString()).isEqualTo(uri);
            assertThat(rejection(token)).isNull();

            // the URI removed and a PEM key saved in one change (both at once would be refused)
            JsonNode withKey = api.put(PATH, admin, Map.of("jwksUri", "", "publicKey", IdentityJwts.pem(host))).json();
            assertThat(withKey.get("settings").get("jwksUri").asString()).isEqualTo("NONE");
            assertThat(withKey.get("settings").get("publicKey").asString()).isEqualTo("ADMIN");
            assertThat(rejection(IdentityJwts.rs256(host, IdentityJwts.claims("pem-" + UUID.randomUUID(), Map.of())))).isNull();

            JsonNode removed = api.put(PATH, admin, Map.of("publicKey", "")).json();
            assertThat(removed.get("settings").get("publicKey").asString()).isEqualTo("NONE");
            assertThat(removed.get("jwt").get("rs256").asBoolean()).isFalse();
            assertThat(jdbc.sql("select count(*) from customer_identity_settings where public_key is not null").query(Integer.class).single())
                    .isZero();
            assertThat(rejection(IdentityJwts.rs256(host, IdentityJwts.claims("gone-" + UUID.randomUUID(), Map.of()))))
                    .isEqualTo("identity_token_algorithm_not_accepted");
            assertThat(rejection(IdentityJwts.hs256(IDENTITY_SECRET, IdentityJwts.claims("hs-" + UUID.randomUUID(), Map.of())))).isNull();
        }
        finally {
            jwks.stop(0);
        }
    }

    /** The error code a widget session with this identity token gets, or null when it is accepted. */
    private String rejection(String jwt) {
        Api.Response response = api.post("/api/widget/sessions", null, Map.of("jwt", jwt));
        if (response.status() == 201) {
            assertThat(response.json().get("customer").get("identified").asBoolean()).isTrue();
            return null;
        }
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        return response.json().get("code").asString();
    }

    @Test
    void wrongSettingsAreRefusedWithEveryReasonAndNothingChanges() {
        Map<String, Object> wrong = new HashMap<>(Map.of("hmacSecret", "short", "jwksUri", "ftp://keys.example/jwks.json",
                "publicKey", "not a key", "clockSkewSeconds", 9999));
        Api.Response refused = api.put(PATH, admin, wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(refused.json().get("fields").propertyNames()).contains("hmacSecret", "jwksUri", "publicKey", "clockSkewSeconds");

        Api.Response both = api.put(PATH, admin, Map.of("jwksUri", "https://keys.example/jwks.json",
                "publicKey", IdentityJwts.pem(IdentityJwts.rsaKey("k"))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("fields").get("publicKey").asString()).contains("not both");

        assertThat(jdbc.sql("select count(*) from customer_identity_settings").query(Integer.class).single()).isZero();
        assertThat(api.get(PATH, admin).json().get("settings").get("hmacSecret").asString()).isEqualTo("CONFIGURATION");

        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.put(PATH, customer, Map.of("clockSkewSeconds", 1)).status()).isEqualTo(403);
    }
}
