package io.parley.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 9: optimistic locking on ticket updates. An edit based on an older version is a 409 with a code and
 * changes nothing, so two agents editing the same ticket never silently overwrite each other.
 */
@ParleyIntegrationTest
class TicketVersionIntegrationTests extends SecurityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEditBasedOnAStaleVersionIsA409AndChangesNothing() {
        Staff agent = staff("AGENT");
        String ticket = ticket();
        assertThat(api.get("/api/tickets/" + ticket, agent.token()).json().get("version").asLong()).isZero();

        Api.Response first = api.patch("/api/tickets/" + ticket, agent.token(), Map.of("priority", "high", "version", 0));
        Api.Response stale = api.patch("/api/tickets/" + ticket, agent.token(), Map.of("priority", "low", "tags", List.of("x"), "version", 0));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("version").asLong()).isEqualTo(1);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).contains("application/problem+json");
        assertThat(stale.json().get("code").asString()).isEqualTo("ticket_version_conflict");
        Api.Response now = api.get("/api/tickets/" + ticket, agent.token());
        assertThat(now.json().get("priority").asString()).isEqualTo("high");
        assertThat(now.json().get("tags")).isEmpty();
        assertThat(now.json().get("version").asLong()).isEqualTo(1);
        // without a version an edit applies to whatever is current (clients that do not lock keep working)
        assertThat(api.patch("/api/tickets/" + ticket, agent.token(), Map.of("subject", "Renamed")).status()).isEqualTo(200);
    }

    @Test
    void ifMatchCarriesTheVersionToo() {
        Staff agent = staff("AGENT");
        String ticket = ticket();

        assertThat(patchIfMatch(ticket, agent, "\"0\"", "urgent").status()).isEqualTo(200);
        assertThat(patchIfMatch(ticket, agent, "\"0\"", "low").status()).isEqualTo(409);
        assertThat(patchIfMatch(ticket, agent, "W/\"1\"", "low").status()).isEqualTo(200);
        Api.Response garbage = patchIfMatch(ticket, agent, "\"abc\"", "low");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void ofTwoParallelEditsOfTheSameVersionExactlyOneWins() throws Exception {
        Staff agent = staff("AGENT");
        String ticket = ticket();
        CountDownLatch start = new CountDownLatch(1);
        // each a real change of the new ticket's "normal" priority: a no-op edit changes no version and may pass too
        List<CompletableFuture<Integer>> edits = List.of("high", "urgent", "low").stream()
                .map(priority -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return api.patch("/api/tickets/" + ticket, agent.token(), Map.of("priority", priority, "version", 0)).status();
                })).toList();
        start.countDown();

        List<Integer> statuses = edits.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(api.get("/api/tickets/" + ticket, agent.token()).json().get("version").asLong()).isEqualTo(1);
    }

    private Api.Response patchIfMatch(String ticket, Staff agent, String ifMatch, String priority) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/tickets/" + ticket))
                    .header("Authorization", "Bearer " + agent.token()).header("Content-Type", "application/json")
                    .header("If-Match", ifMatch)
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"priority\":\"" + priority + "\"}")).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket on a fresh customer's conversation (as a handoff would open it); its id. */
    private String ticket() {
        Customer customer = customer();
        UUID customerId = jdbc.sql("select customer_id from conversation where id = ?::uuid").param(customer.conversation())
                .query(UUID.class).single();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into ticket (id, conversation_id, customer_id, subject, status, priority, created_at, updated_at) "
                + "values (?, ?::uuid, ?, 'Locking', 'open', 'normal', now(), now())")
                .params(id, customer.conversation(), customerId).update();
        return id.toString();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
