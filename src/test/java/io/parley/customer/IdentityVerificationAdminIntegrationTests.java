package io.parley.customer;

import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin pages' view of identity verification: on or off (never the secret), and a check of one pair. */
@ParleyIntegrationTest
class IdentityVerificationAdminIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void statusNeverShowsTheSecretAndACheckTellsAValidHashFromAWrongOne() {
        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Api.Response status = api.get("/api/agent/identity-verification", admin);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("hmac").get("enabled").asBoolean()).isTrue();
        assertThat(status.body()).doesNotContain(ParleyIntegrationTest.IDENTITY_SECRET);

        String hash = SignedTokens.hmacHex(ParleyIntegrationTest.IDENTITY_SECRET, "user-42");
        JsonNode valid = api.post("/api/agent/identity-verification/check", admin,
                Map.of("userId", "user-42", "userHash", hash.toUpperCase())).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        JsonNode wrong = api.post("/api/agent/identity-verification/check", admin,
                Map.of("userId", "user-43", "userHash", hash)).json();
        assertThat(wrong.get("valid").asBoolean()).isFalse();
        assertThat(wrong.get("reason").asString()).contains("does not match");
        Api.Response missing = api.post("/api/agent/identity-verification/check", admin, Map.of("userId", "user-42"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("fields").has("userHash")).isTrue();

        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/agent/identity-verification", customer).status()).isEqualTo(403);
    }
}
