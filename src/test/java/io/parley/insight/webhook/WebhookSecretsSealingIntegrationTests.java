package io.parley.insight.webhook;

import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #15 item 9: webhook secrets stored in plaintext before encryption are sealed, and keep signing the same. */
@ParleyIntegrationTest
class WebhookSecretsSealingIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebhookEndpoints endpoints;

    @Test
    void aPlaintextSecretFromBeforeIsSealedAtStartUpAndStillReadsTheSame() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into insight_webhook_endpoint (id, url, secret, event_types, active, created_at) "
                + "values (?, 'https://hooks.example.com/old', 'whsec_legacy-plaintext-secret', '{ticket.created}', false, now())")
                .param(id).update();

        assertThat(endpoints.sealStoredSecrets()).isGreaterThanOrEqualTo(1);

        String stored = jdbc.sql("select secret from insight_webhook_endpoint where id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain("legacy-plaintext");
        assertThat(endpoints.get(id).secret()).isEqualTo("whsec_legacy-plaintext-secret");
        assertThat(endpoints.sealStoredSecrets()).as("sealed rows are left alone").isZero();
        jdbc.sql("delete from insight_webhook_endpoint where id = ?").param(id).update();
    }
}
