package io.parley.chat.web;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.core.ParleyPrincipal;
import io.parley.core.TokenAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic revocation sweep must not cost a database read per idle widget every few seconds: staff sessions
 * are re-read on every pass, customer sessions at most once a minute and a bounded number per pass.
 */
class StompSessionsSweepTests {

    private final AtomicInteger staffReads = new AtomicInteger();
    private final AtomicInteger customerReads = new AtomicInteger();
    private final StompSessions sessions = sessions();

    @AfterEach
    void stop() {
        sessions.stop();
    }

    @Test
    void customerSessionsAreReReadAtMostOnceAMinuteAndInBoundedBatchesWhileStaffAreReReadEveryPass() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 300; i++) {
            sessions.connected("c-" + i, "c:" + i, ParleyPrincipal.customer(Integer.toString(i), null));
        }
        ParleyPrincipal dana = new ParleyPrincipal(ParleyPrincipal.Kind.STAFF, "dana", "Dana", Set.of("AGENT"));
        sessions.connected("s-1", "s:dana", dana);

        sessions.sweep(now + 5_000);
        assertThat(staffReads).hasValue(1);
        assertThat(customerReads).hasValue(0);

        long aMinuteLater = now + StompSessions.CUSTOMER_SWEEP_MILLIS + 1_000;
        sessions.sweep(aMinuteLater);
        assertThat(staffReads).hasValue(2);
        assertThat(customerReads).hasValue(StompSessions.CUSTOMER_RECHECKS_PER_SWEEP);

        // the next pass takes the ones not yet re-read, not the same ones again
        sessions.sweep(aMinuteLater + 5_000);
        assertThat(customerReads).hasValue(300);
        sessions.sweep(aMinuteLater + 10_000);
        assertThat(customerReads).hasValue(300);
        assertThat(staffReads).hasValue(4);
        assertThat(sessions.openSessions()).isEqualTo(301);
    }

    private StompSessions sessions() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("tokens", (TokenAuthenticator) token -> {
            (token.startsWith("s:") ? staffReads : customerReads).incrementAndGet();
            return Optional.of(token.startsWith("s:")
                    ? new ParleyPrincipal(ParleyPrincipal.Kind.STAFF, "dana", "Dana", Set.of("AGENT"))
                    : ParleyPrincipal.customer(token.substring(2), null));
        });
        return new StompSessions(beans.getBeanProvider(TokenAuthenticator.class),
                new io.parley.core.DatabaseCircuit(java.time.Duration.ofSeconds(5)), new ExecutorSubscribableChannel(),
                tools.jackson.databind.json.JsonMapper.builder().build());
    }
}
