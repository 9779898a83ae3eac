package io.parley.insight.webhook;

import java.time.Duration;
import java.util.UUID;

import io.parley.insight.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointCircuitsTests {

    @Test
    void opensAfterTheThresholdLetsOneAttemptThroughLaterAndASuccessClosesIt() {
        MutableClock clock = new MutableClock();
        clock.set(java.time.Instant.parse("2026-12-02T01:00:00Z"));
        EndpointCircuits circuits = new EndpointCircuits(3, Duration.ofMinutes(1), clock);
        UUID flaky = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();

        circuits.failed(flaky);
        circuits.failed(flaky);
        assertThat(circuits.isOpen(flaky)).isFalse();
        circuits.failed(flaky);
        assertThat(circuits.isOpen(flaky)).isTrue();
        assertThat(circuits.open()).containsExactly(flaky);
        assertThat(circuits.retryAt(flaky)).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(circuits.isOpen(healthy)).isFalse();

        clock.set(clock.instant().plus(Duration.ofSeconds(61)));
        assertThat(circuits.isOpen(flaky)).as("half-open: one attempt may go").isFalse();
        circuits.failed(flaky);
        assertThat(circuits.isOpen(flaky)).as("a failure when half-open opens it again at once").isTrue();

        clock.set(clock.instant().plus(Duration.ofSeconds(61)));
        circuits.succeeded(flaky);
        circuits.failed(flaky);
        assertThat(circuits.isOpen(flaky)).as("a success starts the count again").isFalse();
    }
}
