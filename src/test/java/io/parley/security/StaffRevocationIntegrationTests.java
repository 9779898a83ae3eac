package io.parley.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #15 item 1: a staff token is revocable, and an open socket never outlives the rights behind it. */
@ParleyIntegrationTest
class StaffRevocationIntegrationTests extends SecurityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void logoutEndsTheTokenOnRestAndClosesTheOpenSocket() {
        Staff agent = staff("AGENT");
        Customer customer = customer();
        StompTestClient console = connect(agent.token());
        console.subscribe("/topic/conversations/" + customer.conversation());
        String otherDevice = api.login(agent.email(), agent.password());

        Api.Response logout = api.post("/api/auth/logout", agent.token(), Map.of());

        assertThat(logout.status()).isEqualTo(204);
        Map<String, Object> error = console.awaitError();
        assertThat(error.get("codeHeader")).isEqualTo("token_revoked");
        assertThat(console.awaitDisconnect()).isTrue();
        assertThat(api.get("/api/auth/me", agent.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", otherDevice).status()).as("logout signs out every device").isEqualTo(401);
        assertThat(api.get("/api/auth/me", api.login(agent.email(), agent.password())).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedAgentsOpenConsoleIsClosedAndReceivesNothingMore() {
        Staff agent = staff("AGENT");
        Customer customer = customer();
        StompTestClient console = connect(agent.token());
        String topic = "/topic/conversations/" + customer.conversation();
        console.subscribeToConversation(customer.conversation());
        StompTestClient witness = connect(staff("AGENT").token());
        witness.subscribeToConversation(customer.conversation());

        assertThat(api.put("/api/agent/staff/" + agent.id(), admin, Map.of("active", false)).status()).isEqualTo(200);

        assertThat(console.awaitError().get("message").toString()).contains("deactivated");
        assertThat(console.awaitDisconnect()).isTrue();
        api.post("/api/widget/conversations/" + customer.conversation() + "/messages", customer.token(),
                Map.of("clientMessageId", "after-deactivation", "text", "Private details"));
        // an agent still active receives it: the broadcast has happened, and the deactivated console had none of it
        witness.await(topic, e -> "message".equals(e.get("type"))
                && "Private details".equals(((Map<?, ?>) e.get("message")).get("text")));
        assertThat(console.history(topic)).noneMatch(e -> "message".equals(e.get("type")));
        // reactivating does not bring the revoked token back
        api.put("/api/agent/staff/" + agent.id(), admin, Map.of("active", true));
        assertThat(api.get("/api/auth/me", agent.token()).status()).isEqualTo(401);
    }

    @Test
    void aDemotedAgentIsDisconnectedAndItsNewTokenHasOnlyTheNewRole() {
        Staff agent = staff("AGENT");
        Customer customer = customer();
        StompTestClient console = connect(agent.token());
        console.subscribe("/user/queue/inbox");

        assertThat(api.put("/api/agent/staff/" + agent.id(), admin, Map.of("roles", List.of("WRITER"))).status()).isEqualTo(200);

        assertThat(console.awaitError().get("codeHeader")).isEqualTo("token_revoked");
        assertThat(console.awaitDisconnect()).isTrue();
        StompTestClient writer = connect(api.login(agent.email(), agent.password()));
        writer.send("/app/conversations/" + customer.conversation() + "/claim", Map.of());
        assertThat(writer.awaitError().get("codeHeader")).isEqualTo("conversation_forbidden");
    }

    @Test
    void aPasswordChangeRevokesEveryEarlierToken() {
        Staff agent = staff("AGENT");

        api.put("/api/agent/staff/" + agent.id(), admin, Map.of("password", "a-new-password-" + UUID.randomUUID()));

        assertThat(api.get("/api/auth/me", agent.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/agent/presence", agent.token()).status()).isEqualTo(401);
    }

    @Test
    void aRevocationOnAnotherNodeReachesThisNodesSocketWithoutAnEvent() {
        Staff agent = staff("AGENT");
        StompTestClient console = connect(agent.token());
        console.subscribe("/user/queue/inbox");
        assertThat(console.connected()).isTrue();

        // what another node's logout leaves behind: the generation raised in the shared database, no local event
        jdbc.sql("update staff_account set token_generation = token_generation + 1 where id = ?")
                .param(UUID.fromString(agent.id())).update();

        // within one sweep (5 s) plus the client's wait
        Map<String, Object> error = awaitErrorWithin(console, Duration.ofSeconds(12));
        assertThat(error.get("codeHeader")).isEqualTo("token_revoked");
        assertThat(console.awaitDisconnect()).isTrue();
    }

    private static Map<String, Object> awaitErrorWithin(StompTestClient client, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                return client.awaitError();
            }
            catch (AssertionError notYet) {
                last = notYet;
            }
        }
        throw last;
    }
}
