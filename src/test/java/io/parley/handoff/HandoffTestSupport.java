package io.parley.handoff;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.support.EventPublications;
import io.parley.support.StompTestClient;

import static io.parley.support.ChatEvents.isBotMessage;
import static io.parley.support.ChatEvents.isMessageWithText;
import static io.parley.support.ChatEvents.message;
import static io.parley.support.ChatEvents.payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the handoff integration tests share: a clean routing slate, agents and customers on real STOMP connections,
 * closed after each test.
 */
abstract class HandoffTestSupport {

    static final String INBOX = "/user/queue/inbox";
    static final String ERRORS = "/user/queue/errors";
    static final String ACKS = "/user/queue/acks";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SimpUserRegistry users;

    Api api;
    Agents agents;
    final List<StompTestClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void isolateRouting() {
        api = new Api(port);
        agents = new Agents(api);
        agents.isolate(jdbc);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(StompTestClient::close);
        clients.clear();
    }

    StompTestClient connect(String token) {
        StompTestClient ws = StompTestClient.connect(port, token);
        clients.add(ws);
        return ws;
    }

    /** An agent's connection with its inbox, errors and acks subscribed (and registered) before anything is sent. */
    StompTestClient connectAgent(Agents.Agent agent) {
        StompTestClient ws = connect(agent.token());
        int before = sessionsSubscribedTo(agent, INBOX, ERRORS, ACKS);
        ws.subscribe(INBOX).subscribe(ERRORS).subscribe(ACKS);
        // the inbox goes only to registered subscriptions: wait until the server has this session's three
        await().atMost(StompTestClient.WAIT).until(() -> sessionsSubscribedTo(agent, INBOX, ERRORS, ACKS) > before);
        return ws;
    }

    /** Waits until the server has registered the agent's subscription to the destination on one more session. */
    void subscribe(StompTestClient ws, Agents.Agent agent, String destination) {
        int before = sessionsSubscribedTo(agent, destination);
        ws.subscribe(destination);
        await().atMost(StompTestClient.WAIT).until(() -> sessionsSubscribedTo(agent, destination) > before);
    }

    /** How many of the agent's sessions the server knows to be subscribed to all the destinations. */
    int sessionsSubscribedTo(Agents.Agent agent, String... destinations) {
        SimpUser user = users.getUser("staff:" + agent.id());
        if (user == null) {
            return 0;
        }
        return (int) user.getSessions().stream()
                .filter(session -> session.getSubscriptions().stream().map(SimpSubscription::getDestination)
                        .collect(java.util.stream.Collectors.toSet()).containsAll(List.of(destinations)))
                .count();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** A widget customer with one conversation and a live subscription to its topic. */
    final class Customer {
        final String token;
        final String id;
        final String customerId;
        final StompTestClient ws;
        int sent;

        Customer(String locale) {
            this(locale, null);
        }

        Customer(String locale, String name) {
            JsonNode session = api.session(name == null ? Map.of("locale", locale) : Map.of("locale", locale, "name", name));
            token = session.get("token").asString();
            customerId = session.get("customer").get("id").asString();
            id = api.startConversation(token, null).get("id").asString();
            ws = connect(token);
            ws.subscribeToConversation(id);
        }

        String topic() {
            return "/topic/conversations/" + id;
        }

        void send(String text) {
            ws.send("/app/conversations/" + id + "/messages", Map.of("clientMessageId", "c-" + (++sent), "text", text));
        }

        Map<String, Object> ask(String text) {
            send(text);
            return ws.await(topic(), isBotMessage());
        }

        /** A system message of this payload kind, whenever it arrived (its order against status events is not defined). */
        Map<String, Object> awaitSystem(String kind) {
            return ws.awaitSeen(topic(), e -> "message".equals(e.get("type"))
                    && "system".equals(((Map<?, ?>) message(e).get("author")).get("type"))
                    && payload(e) != null && kind.equals(payload(e).get("kind")));
        }

        /**
         * The customer's message {@code text} got no bot reply: the bot's listener has finished with it (its event
         * publication is done), and nothing the bot wrote after it is stored or was received.
         */
        void assertBotSilentAfter(String text) {
            Map<String, Object> question = ws.awaitSeen(topic(), isMessageWithText(text));
            EventPublications.awaitHandled(jdbc, "assistant.Bot", message(question).get("id"));
            long seq = ((Number) message(question).get("seq")).longValue();
            JsonNode stored = api.get("/api/widget/conversations/" + id + "/messages?after=" + seq, token).json().get("messages");
            assertThat(stored.valueStream().filter(m -> m.get("seq").asLong() > seq)
                    .map(m -> m.get("author").get("type").asString())).doesNotContain("bot");
            assertThat(ws.history(topic())).filteredOn(isBotMessage())
                    .noneMatch(e -> ((Number) message(e).get("seq")).longValue() > seq);
        }
    }
}
