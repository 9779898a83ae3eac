package io.parley.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.core.SecretCipher;
import io.parley.core.ServerSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 9: token signing keys and webhook secrets are encrypted at rest; plaintext rows from before are
 * sealed (and still work).
 */
@ParleyIntegrationTest
class SecretsAtRestIntegrationTests extends SecurityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServerSecrets secrets;

    @Autowired
    SecretCipher cipher;

    @Test
    void storedSigningKeysAreSealedAndAPlaintextOneIsSealedOnItsFirstReadKeepingItsValue() {
        assertThat(jdbc.sql("select value from server_secret").query(String.class).list())
                .isNotEmpty().allMatch(value -> value.startsWith("enc:v1:"));

        String name = "legacy-" + UUID.randomUUID();
        String legacy = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        jdbc.sql("insert into server_secret (name, value) values (?, ?)").params(name, legacy).update();

        byte[] read = secrets.getOrCreate(name);

        assertThat(new String(read)).isEqualTo("0123456789abcdef0123456789abcdef");
        String stored = jdbc.sql("select value from server_secret where name = ?").param(name).query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").isNotEqualTo(legacy);
        assertThat(cipher.open(stored)).isEqualTo(legacy);
    }

    @Test
    void webhookSecretsAreStoredSealed() {
        String secret = "receiver-secret-" + UUID.randomUUID();
        String id = api.post("/api/insights/webhooks", admin, Map.of("url", "https://93.184.216.34/parley",
                "secret", secret, "eventTypes", List.of("ticket.created"))).json().get("id").asString();
        String stored = jdbc.sql("select secret from insight_webhook_endpoint where id = ?::uuid").param(id).query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);
        assertThat(cipher.open(stored)).isEqualTo(secret);
        api.delete("/api/insights/webhooks/" + id, admin);
    }
}
