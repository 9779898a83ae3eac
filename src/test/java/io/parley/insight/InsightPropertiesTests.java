package io.parley.insight;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class InsightPropertiesTests {

    @Test
    void defaultsWhenNothingIsSet() {
        InsightProperties properties = new InsightProperties(null, null, null, null, null);
        assertThat(properties.metrics().assumedResolutionAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.metrics().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(properties.nps().touchpoints()).containsExactly("rated");
        assertThat(properties.nps().minInterval()).isEqualTo(Duration.ofDays(90));
        assertThat(properties.health().weights().npsDetractor()).isEqualTo(4.0);
        assertThat(properties.health().atRiskThreshold()).isEqualTo(3.0);
        assertThat(properties.webhooks().maxAttempts()).isEqualTo(10);
        assertThat(properties.webhooks().initialBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void bindsTheDocumentedKeys() {
        Map<String, String> source = Map.of(
                "parley.insight.metrics.assumed-resolution-after", "2h",
                "parley.insight.metrics.zone", "Europe/Istanbul",
                "parley.insight.nps.touchpoints", "bot_resolved",
                "parley.insight.nps.min-interval", "14d",
                "parley.insight.health.at-risk-threshold", "10",
                "parley.insight.health.weights.unresolved-ticket", "5",
                "parley.insight.health.weights.repeated-contact", "0.5",
                "parley.insight.webhooks.backoff-multiplier", "3",
                "parley.insight.webhooks.max-backoff", "15m");
        InsightProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bind("parley.insight", InsightProperties.class).get();
        assertThat(properties.metrics().assumedResolutionAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.metrics().zone()).isEqualTo(ZoneId.of("Europe/Istanbul"));
        assertThat(properties.nps().touchpoints()).isEqualTo(List.of("bot_resolved"));
        assertThat(properties.nps().minInterval()).isEqualTo(Duration.ofDays(14));
        assertThat(properties.health().atRiskThreshold()).isEqualTo(10.0);
        assertThat(properties.health().weights().unresolvedTicket()).isEqualTo(5.0);
        assertThat(properties.health().weights().repeatedContact()).isEqualTo(0.5);
        assertThat(properties.health().weights().handoff()).isEqualTo(1.0);
        assertThat(properties.webhooks().backoffMultiplier()).isEqualTo(3.0);
        assertThat(properties.webhooks().maxBackoff()).isEqualTo(Duration.ofMinutes(15));
    }
}
