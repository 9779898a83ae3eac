package io.parley.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.parley.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #15 item 3: the login throttle is atomic, per account and per address, backs off, and holds across nodes. */
@ParleyIntegrationTest
class LoginThrottleIntegrationTests {

    static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(5, 12, 30, Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** A node of its own: same database, its own instance (nothing shared in memory). */
    LoginThrottle node() {
        return new LoginThrottle(jdbc, new TransactionTemplate(transactions), SETTINGS);
    }

    @Test
    void parallelGuessesAreEachCountedSoOnlyTheAllowanceGetsThrough() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        String address = "203.0.113." + (int) (Math.random() * 250);
        List<LoginThrottle> nodes = List.of(node(), node());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Duration>>> attempts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            LoginThrottle on = nodes.get(i % 2);
            attempts.add(pool.submit(() -> {
                start.await();
                return on.tryAttempt(email, address);
            }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Optional<Duration>> attempt : attempts) {
            if (attempt.get().isEmpty()) {
                admitted++;
            }
        }
        pool.shutdown();

        assertThat(admitted).as("attempts let through across two nodes").isEqualTo(5);
    }

    @Test
    void theWaitDoublesWithEachFailurePastTheAllowanceInsteadOfLockingOut() {
        String email = "backoff-" + UUID.randomUUID() + "@example.com";
        String address = "198.51.100.7";
        LoginThrottle throttle = node();
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt(email, address)).isEmpty();
        }
        Optional<Duration> first = throttle.tryAttempt(email, address);
        assertThat(first).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30)));

        passTime(email, address);
        assertThat(throttle.tryAttempt(email, address)).as("after the wait, one more try").isEmpty();
        Optional<Duration> second = throttle.tryAttempt(email, address);
        assertThat(second).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));

        passTime(email, address);
        throttle.tryAttempt(email, address);
        assertThat(throttle.tryAttempt(email, address))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120)));
    }

    @Test
    void hammeringTheAdminsEmailFromOneAddressDoesNotLockTheAdminOutElsewhere() {
        String admin = "admin-" + UUID.randomUUID() + "@example.com";
        String attacker = "192.0.2.66";
        LoginThrottle throttle = node();
        for (int i = 0; i < 5; i++) {
            throttle.tryAttempt(admin, attacker);
        }

        assertThat(throttle.tryAttempt(admin, attacker)).isPresent();
        assertThat(throttle.tryAttempt(admin, "192.0.2.10")).as("the admin from their own address").isEmpty();
    }

    @Test
    void oneAddressGuessingManyAccountsIsHeldBack() {
        String address = "192.0.2." + (100 + (int) (Math.random() * 100)) + "-" + UUID.randomUUID();
        LoginThrottle throttle = node();
        for (int i = 0; i < 12; i++) {
            assertThat(throttle.tryAttempt("victim-" + i + "-" + UUID.randomUUID() + "@example.com", address)).isEmpty();
        }

        assertThat(throttle.tryAttempt("one-more-" + UUID.randomUUID() + "@example.com", address)).isPresent();
        assertThat(throttle.tryAttempt("one-more-" + UUID.randomUUID() + "@example.com", "192.0.2.1")).isEmpty();
    }

    @Test
    void aSuccessGivesTheAccountAFreshStart() {
        String email = "success-" + UUID.randomUUID() + "@example.com";
        LoginThrottle throttle = node();
        for (int i = 0; i < 4; i++) {
            throttle.tryAttempt(email, "198.51.100.20");
        }
        throttle.succeeded(email, "198.51.100.20");

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt(email, "198.51.100.20")).isEmpty();
        }
        assertThat(throttle.tryAttempt(email, "198.51.100.20")).isPresent();
    }

    /** The block runs out (as if its time had passed), the count stays. */
    private void passTime(String email, String address) {
        jdbc.sql("update login_throttle set blocked_until = clock_timestamp() - interval '1 second' where throttle_key like ?")
                .param("%" + email + "%").update();
    }
}
