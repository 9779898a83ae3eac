package io.parley.insight.webhook;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.insight.InsightProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBackoffTests {

    @Test
    void waitsGrowExponentiallyUpToTheCap() {
        InsightProperties properties = new InsightProperties(null, null, null, new InsightProperties.Webhooks(null, 0,
                Duration.ofSeconds(10), 2, Duration.ofMinutes(1), null, 0), null);
        WebhookSender sender = new WebhookSender(null, properties, Clock.systemUTC(), new SimpleMeterRegistry());
        assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(sender.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(sender.backoff(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sender.backoff(30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theSignatureCoversTimestampAndBody() {
        String body = "{\"id\":\"e1\"}";
        String header = WebhookSignature.header("secret-secret-secret", 1700000000L, body);
        assertThat(header).startsWith("t=1700000000,v1=").hasSize("t=1700000000,v1=".length() + 64);
        assertThat(WebhookSignature.hex("secret-secret-secret", 1700000001L, body)).isNotEqualTo(header.substring(16));
        assertThat(WebhookSignature.hex("secret-secret-secret", 1700000000L, body + " ")).isNotEqualTo(header.substring(16));
    }
}
