package io.parley.core;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseCircuitTests {

    private final AtomicLong now = new AtomicLong(1_000);
    private final DatabaseCircuit circuit = new DatabaseCircuit(Duration.ofSeconds(5), now::get);

    // what Hikari throws when the server is down: its timeout, with the last connection failure as the cause
    private static final SQLException UNREACHABLE = new SQLTransientConnectionException(
            "pool - Connection is not available, request timed out after 3000ms", "08001",
            new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused")));

    @Test
    void anUnreachableServerOpensTheCircuitAndEveryoneFailsAtOnceForThePeriod() {
        assertThat(circuit.allowsAttempt()).isTrue();
        assertThat(circuit.failed(UNREACHABLE)).isTrue();
        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.allowsAttempt()).isFalse();
        now.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(circuit.allowsAttempt()).as("still within the open period").isFalse();
    }

    @Test
    void afterThePeriodOneProbeGoesAndItsSuccessClosesTheCircuit() {
        circuit.failed(UNREACHABLE);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(circuit.allowsAttempt()).as("the probe").isTrue();
        assertThat(circuit.allowsAttempt()).as("the others while the probe is out").isFalse();
        circuit.succeeded();
        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.allowsAttempt()).isTrue();
        assertThat(circuit.allowsAttempt()).isTrue();
    }

    @Test
    void aFailedProbeOpensItForAnotherPeriod() {
        circuit.failed(UNREACHABLE);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(circuit.allowsAttempt()).isTrue();
        circuit.failed(UNREACHABLE);
        assertThat(circuit.allowsAttempt()).isFalse();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(circuit.allowsAttempt()).isTrue();
    }

    @Test
    void aBusyPoolOrABadQueryDoesNotOpenIt() {
        SQLException busy = new SQLTransientConnectionException(
                "pool - Connection is not available, request timed out after 3000ms (total=10, active=10, idle=0, waiting=4)");
        assertThat(circuit.failed(busy)).isFalse();
        assertThat(circuit.failed(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.allowsAttempt()).isTrue();
    }

    @Test
    void aServerShuttingDownOpensIt() {
        assertThat(circuit.failed(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(circuit.isOpen()).isTrue();
    }
}
