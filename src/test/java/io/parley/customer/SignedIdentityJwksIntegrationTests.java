package io.parley.customer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 5, for those who prefer keys: RS256 identity tokens verified against the host application's JWKS,
 * served here by a small local HTTP server, including a key rotation (issue #16). HS256 keeps working next to it.
 * The tests of this class share the one JWKS server, so each leaves it serving {@link #HOST_KEY}.
 */
@ParleyIntegrationTest
class SignedIdentityJwksIntegrationTests {

    static final RSAKey HOST_KEY = IdentityJwts.rsaKey("host-2026");
    static final AtomicInteger JWKS_REQUESTS = new AtomicInteger();
    /** What the host application publishes right now. */
    static final AtomicReference<String> PUBLISHED = new AtomicReference<>(IdentityJwts.jwks(HOST_KEY));
    static final HttpServer JWKS = start();

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    Api api;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("parley.customer.identity-jwks-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anRs256TokenSignedWithAKeyFromTheJwksIsAccepted() {
        String userId = "rs-" + UUID.randomUUID();
        String jwt = IdentityJwts.rs256(HOST_KEY, IdentityJwts.claims(userId, Map.of("name", "Key Holder", "email", "key@example.com")));

        JsonNode session = api.session(Map.of("jwt", jwt));

        Customer customer = customers.findById(UUID.fromString(session.get("customer").get("id").asString())).orElseThrow();
        assertThat(customer.externalId()).isEqualTo(userId);
        assertThat(customer.verifiedFields()).containsExactlyInAnyOrder("name", "email");
        assertThat(JWKS_REQUESTS.get()).as("the keys were fetched from the JWKS").isPositive();
    }

    @Test
    void aTokenSignedWithAKeyNotInTheJwksIsABadSignature() {
        String userId = "rs-" + UUID.randomUUID();
        RSAKey stranger = IdentityJwts.rsaKey("host-2026"); // same key id, different key
        RSAKey unknownId = IdentityJwts.rsaKey("not-published");

        Api.Response forged = api.post("/api/widget/sessions", null,
                Map.of("jwt", IdentityJwts.rs256(stranger, IdentityJwts.claims(userId, Map.of()))));
        Api.Response unknown = api.post("/api/widget/sessions", null,
                Map.of("jwt", IdentityJwts.rs256(unknownId, IdentityJwts.claims(userId, Map.of()))));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("code").asString()).isEqualTo("identity_token_bad_signature");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("code").asString()).isEqualTo("identity_token_bad_signature");
    }

    /**
     * The host rotates its signing key the usual way: it publishes the next key next to the current one, signs with
     * the next one, then withdraws the old one. Parley has the old key set cached; a token whose key id it has not
     * seen makes it fetch the set again, so the switch needs no restart and no admin action, and a token under the
     * new key id signed by anyone else is still refused.
     */
    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesItAndTheOldOneCanBeWithdrawn() {
        RSAKey next = IdentityJwts.rsaKey("host-2027");
        try {
            // the current key is in use (and in Parley's cache)
            assertThat(identified(IdentityJwts.rs256(HOST_KEY, IdentityJwts.claims("before-" + UUID.randomUUID(), Map.of())))).isTrue();
            int fetchedBefore = JWKS_REQUESTS.get();

            PUBLISHED.set(IdentityJwts.jwks(HOST_KEY, next));
            String userId = "rotated-" + UUID.randomUUID();
            JsonNode session = api.session(Map.of("jwt", IdentityJwts.rs256(next, IdentityJwts.claims(userId, Map.of()))));
            assertThat(session.get("customer").get("identified").asBoolean()).isTrue();
            assertThat(customers.findById(UUID.fromString(session.get("customer").get("id").asString())).orElseThrow().externalId())
                    .isEqualTo(userId);
            assertThat(JWKS_REQUESTS.get()).as("the unknown key id made Parley fetch the key set again").isGreaterThan(fetchedBefore);
            // both keys are valid while both are published (tokens signed just before the switch are still out there)
            assertThat(identified(IdentityJwts.rs256(HOST_KEY, IdentityJwts.claims("old-" + UUID.randomUUID(), Map.of())))).isTrue();

            PUBLISHED.set(IdentityJwts.jwks(next));
            assertThat(identified(IdentityJwts.rs256(next, IdentityJwts.claims("after-" + UUID.randomUUID(), Map.of())))).isTrue();
            Api.Response forged = api.post("/api/widget/sessions", null,
                    Map.of("jwt", IdentityJwts.rs256(IdentityJwts.rsaKey("host-2027"), IdentityJwts.claims(userId, Map.of()))));
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.json().get("code").asString()).isEqualTo("identity_token_bad_signature");
        }
        finally {
            PUBLISHED.set(IdentityJwts.jwks(HOST_KEY));
        }
    }

    private boolean identified(String jwt) {
        Api.Response response = api.post("/api/widget/sessions", null, Map.of("jwt", jwt));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("customer").get("identified").asBoolean();
    }

    @Test
    void hs256UnderTheIdentitySecretStillWorksNextToTheJwks() {
        String userId = "hs-" + UUID.randomUUID();
        JsonNode session = api.session(Map.of("jwt", IdentityJwts.hs256(ParleyIntegrationTest.IDENTITY_SECRET,
                IdentityJwts.claims(userId, Map.of()))));

        assertThat(session.get("customer").get("identified").asBoolean()).isTrue();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                JWKS_REQUESTS.incrementAndGet();
                byte[] body = PUBLISHED.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
