package io.parley.handoff;

import java.util.List;
import java.util.Map;

import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import io.parley.support.Subscriptions;
import io.parley.support.WidgetCustomer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.user.SimpUserRegistry;

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
        // the inbox goes only to registered subscriptions: wait until the server has this session's three
        Subscriptions.subscribeAndAwait(users, ws, agent, INBOX, ERRORS, ACKS);
        return ws;
    }

    /** Waits until the server has registered the agent's subscription to the destination on one more session. */
    void subscribe(StompTestClient ws, Agents.Agent agent, String destination) {
        Subscriptions.subscribeAndAwait(users, ws, agent, destination);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** A widget customer with one conversation and a live subscription to its topic, closed after the test. */
    final class Customer extends WidgetCustomer {

        Customer(String locale) {
            this(locale, null);
        }

        Customer(String locale, String name) {
            super(api, HandoffTestSupport.this::connect, locale, name);
        }

        void assertBotSilentAfter(String text) {
            assertBotSilentAfter(jdbc, text);
        }
    }
}
