package io.parley.handoff;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.parley.ParleyIntegrationTest;
import io.parley.agent.AgentPresence;
import io.parley.agent.Presence;
import io.parley.chat.Conversations;
import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence is a lease renewed by the agent's connection: an agent with no live connection (a closed console, a node
 * that died) goes offline when it lapses, and the conversation that waited for their first reply is routed to an
 * agent who is there; the connected agent's lease keeps being renewed.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = { "parley.agent.presence-lease=2s", "parley.knowledge.embedding.model=none" })
class PresenceLeaseIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Conversations conversations;

    @Autowired
    Handoffs handoffs;

    @Autowired
    AgentPresence presence;

    @Test
    void anAgentWithoutAConnectionLapsesAndTheirUnansweredConversationIsRoutedAgain() {
        Api api = new Api(port);
        Agents agents = new Agents(api);
        agents.isolate(jdbc);
        Agents.Agent gone = agents.create("Gone");
        agents.presence(gone, "online");
        var session = api.session(Map.of("locale", "en"));
        UUID conversationId = UUID.fromString(api.startConversation(session.get("token").asString(), null).get("id").asString());
        conversations.requestHuman(conversationId, "customer_request", "Where is my invoice?");
        assertThat(handoffs.get(conversationId).agentId()).isEqualTo(UUID.fromString(gone.id()));

        Agents.Agent there = agents.create("There");
        try (StompTestClient console = StompTestClient.connect(port, there.token())) {
            assertThat(console.connected()).isTrue();
            agents.presence(there, "online");
            Timestamp firstLease = lease(there);

            awaitTrue(() -> presence.status(UUID.fromString(gone.id())).presence() == Presence.OFFLINE, "the lapsed agent offline");
            awaitTrue(() -> UUID.fromString(there.id()).equals(handoffs.get(conversationId).agentId()),
                    "the conversation routed to the agent who is there");
            assertThat(handoffs.get(conversationId).state()).isEqualTo(io.parley.chat.ConversationState.ASSIGNED);

            // the connection renews the lease past its first expiry, and the connected agent stays online
            awaitTrue(() -> lease(there) != null && lease(there).toInstant().isAfter(firstLease.toInstant().plusSeconds(2)),
                    "the connected agent's lease renewed");
            assertThat(presence.status(UUID.fromString(there.id())).presence()).isEqualTo(Presence.ONLINE);
        }
    }

    private Timestamp lease(Agents.Agent agent) {
        return jdbc.sql("select lease_expires_at from agent_profile where staff_id = ?").param(UUID.fromString(agent.id()))
                .query(Timestamp.class).optional().orElse(null);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).until(condition::getAsBoolean);
    }
}
