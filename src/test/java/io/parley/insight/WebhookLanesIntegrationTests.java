package io.parley.insight;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.ticket.TicketCreated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 6: webhooks are delivered per endpoint in parallel, with a circuit per endpoint. A receiver that
 * never answers (each attempt runs into the 2 s timeout of the insight test context) must not delay another.
 */
@InsightIntegrationTest
class WebhookLanesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String admin;
    HttpServer stalled;
    HttpServer answering;
    ExecutorService stalledThreads = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger stalledRequests = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final List<String> endpoints = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        stalled = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // one thread per request: every attempt that reaches it is counted, none is answered
        stalled.setExecutor(stalledThreads);
        stalled.createContext("/hooks", exchange -> {
            stalledRequests.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalled.start();
        answering = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answering.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            answered.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        answering.start();
    }

    @AfterEach
    void tearDown() {
        endpoints.forEach(id -> api.delete("/api/insights/webhooks/" + id, admin));
        release.countDown();
        stalled.stop(0);
        answering.stop(0);
        stalledThreads.shutdownNow();
    }

    @Test
    void aStalledReceiverDelaysNoOtherEndpointAndItsCircuitOpens() throws Exception {
        String stalledId = endpoint(stalled);
        endpoint(answering);

        for (int i = 0; i < 4; i++) {
            publishTicket();
        }

        // delivered in turn, the answering receiver's 4th event would wait behind at least three 2 s timeouts
        await(() -> answered.get() == 4, Duration.ofSeconds(20));
        assertThat(stalledRequests.get()).as("stalled attempts while the other endpoint got all four").isLessThanOrEqualTo(2);

        // five failed attempts in a row (threshold) open the stalled endpoint's circuit: its due rows are left alone
        await(() -> jdbc.sql("select count(*) from insight_webhook_attempt a join insight_webhook_delivery d on d.id = a.delivery_id "
                + "where d.endpoint_id = ?::uuid").param(stalledId).query(Long.class).single() >= 5, Duration.ofSeconds(60));
        await(() -> jdbc.sql("select count(*) from insight_webhook_delivery where endpoint_id = ?::uuid and status = 'pending' "
                + "and next_attempt_at <= now()").param(stalledId).query(Long.class).single() > 0, Duration.ofSeconds(20));
        int before = answered.get();
        publishTicket(); // proof the sender polled since those rows were due: the answering endpoint gets this one
        await(() -> answered.get() == before + 1, Duration.ofSeconds(20));
        publishTicket();
        await(() -> answered.get() == before + 2, Duration.ofSeconds(20));
        assertThat(stalledRequests.get()).as("no attempt while the circuit is open").isEqualTo(5);
        String log = jdbc.sql("select d.id || ' ' || d.attempts || ' ' || d.next_attempt_at || ' ' || coalesce(d.last_error, '') "
                + "from insight_webhook_delivery d where d.endpoint_id = ?::uuid").param(stalledId).query(String.class).list()
                + " " + jdbc.sql("select a.delivery_id || ' #' || a.attempt || ' ' || a.at || ' ' || coalesce(a.error, '') from insight_webhook_attempt a "
                + "join insight_webhook_delivery d on d.id = a.delivery_id where d.endpoint_id = ?::uuid order by a.at").param(stalledId)
                .query(String.class).list();
        assertThat(jdbc.sql("select coalesce(sum(attempts), 0) from insight_webhook_delivery where endpoint_id = ?::uuid")
                .param(stalledId).query(Long.class).single()).as("attempts charged: " + log).isEqualTo(5L);
    }

    private String endpoint(HttpServer receiver) {
        String id = api.post("/api/insights/webhooks", admin, Map.of("url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks", "eventTypes", List.of("ticket.created")))
                .json().get("id").asString();
        endpoints.add(id);
        return id;
    }

    private void publishTicket() {
        transactions.executeWithoutResult(status -> events.publishEvent(new TicketCreated(UUID.randomUUID(), 1, UUID.randomUUID(),
                UUID.randomUUID(), "Lanes", "legal", "normal", Instant.now())));
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
