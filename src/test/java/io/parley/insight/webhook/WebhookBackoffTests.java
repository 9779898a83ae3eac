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
                Duration.ofSeconds(10), 2, Duration.ofMinutes(1), null, 0, null, null, 0, 0, null), null);
        WebhookSender sender = new WebhookSender(null, properties, Clock.systemUTC(), new SimpleMeterRegistry(), null);
        assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(sender.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(sender.backoff(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sender.backoff(30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theSignatureCoversTimestampAndBody() throws Exception {
        String body = "{\"id\":\"e1\"}";
        String header = WebhookSignature.header("secret-secret-secret", 1700000000L, body);
        // what a receiver computes with nothing but the JDK and the documented signing string
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret-secret-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(
                mac.doFinal(("1700000000." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=1700000000,v1=" + expected);
        assertThat(WebhookSignature.hex("secret-secret-secret", 1700000001L, body)).isNotEqualTo(header.substring(16));
        assertThat(WebhookSignature.hex("secret-secret-secret", 1700000000L, body + " ")).isNotEqualTo(header.substring(16));
    }
}
