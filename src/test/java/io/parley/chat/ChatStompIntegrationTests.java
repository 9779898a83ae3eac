package io.parley.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat mechanics alone (seqs, resend, resume): the bot is switched off so its replies do not interleave. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.assistant.enabled=false")
class ChatStompIntegrationTests {

    static final String ACKS = "/user/queue/acks";
    static final String ERRORS = "/user/queue/errors";

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void twoCustomersChatInSeparateThreadsAndOnlySeeTheirOwn() {
        Customer ada = newCustomer("Ada");
        Customer bob = newCustomer("Bob");
        String adaThread = api.startConversation(ada.token, "Ada's question").get("id").asString();
        String bobThread = api.startConversation(bob.token, "Bob's question").get("id").asString();

        try (StompTestClient adaClient = StompTestClient.connect(port, ada.token);
                StompTestClient bobClient = StompTestClient.connect(port, bob.token)) {
            adaClient.subscribe(ACKS).subscribeToConversation(adaThread);
            bobClient.subscribe(ACKS).subscribeToConversation(bobThread);

            adaClient.send(messages(adaThread), Map.of("clientMessageId", "a-1", "text", "How do I reset my password?"));
            bobClient.send(messages(bobThread), Map.of("clientMessageId", "b-1", "text", "Where is my invoice?"));
            adaClient.send(messages(adaThread), Map.of("clientMessageId", "a-2", "text", "It says the link expired."));

            Map<String, Object> adaFirst = adaClient.await(topic(adaThread), isMessage());
            Map<String, Object> adaSecond = adaClient.await(topic(adaThread), isMessage());
            Map<String, Object> bobFirst = bobClient.await(topic(bobThread), isMessage());

            assertThat(message(adaFirst).get("text")).isEqualTo("How do I reset my password?");
            assertThat(message(adaFirst).get("seq")).isEqualTo(1);
            assertThat(message(adaSecond).get("seq")).isEqualTo(2);
            assertThat(((Map<?, ?>) message(adaSecond).get("author")).get("type")).isEqualTo("customer");
            assertThat(message(bobFirst).get("text")).isEqualTo("Where is my invoice?");
            assertThat(message(bobFirst).get("seq")).isEqualTo(1);

            Map<String, Object> ack = adaClient.await(ACKS, a -> "a-2".equals(a.get("clientMessageId")));
            assertThat(ack.get("seq")).isEqualTo(2);
            assertThat(ack.get("duplicate")).isEqualTo(false);

            // Bob's next message is sent after Ada's were acknowledged: anything of hers routed to him would be before it
            bobClient.send(messages(bobThread), Map.of("clientMessageId", "b-2", "text", "Thanks."));
            assertThat(bobClient.framesBefore(topic(bobThread), e -> "message".equals(e.get("type"))
                    && "Thanks.".equals(message(e).get("text"))))
                    .noneMatch(e -> "message".equals(e.get("type")) && message(e).get("text").toString().contains("password"));
        }
        assertThat(texts(ada.token, adaThread, 0)).containsExactly("How do I reset my password?", "It says the link expired.");
        assertThat(texts(bob.token, bobThread, 0)).containsExactly("Where is my invoice?", "Thanks.");
    }

    @Test
    void aCustomerCannotSubscribeToAnotherCustomersConversation() {
        Customer owner = newCustomer("Owner");
        Customer intruder = newCustomer("Intruder");
        String thread = api.startConversation(owner.token, null).get("id").asString();

        try (StompTestClient client = StompTestClient.connect(port, intruder.token)) {
            assertThat(client.connected()).isTrue();
            client.subscribe(topic(thread));
            Map<String, Object> error = client.awaitError();
            assertThat(error.get("code")).isEqualTo("conversation_forbidden");
            assertThat(error.get("message").toString()).contains("may not access conversation " + thread);
            assertThat(client.awaitDisconnect()).isTrue();
        }
        assertThat(api.get("/api/widget/conversations/" + thread + "/messages", intruder.token).status()).isEqualTo(403);
        assertThat(api.get("/api/widget/conversations/" + thread, intruder.token).json().get("code").asString())
                .isEqualTo("conversation_forbidden");
    }

    @Test
    void aCustomerCannotSendToAnotherCustomersConversationNorToTopicsDirectly() {
        Customer owner = newCustomer("Owner");
        Customer intruder = newCustomer("Intruder");
        String thread = api.startConversation(owner.token, null).get("id").asString();

        try (StompTestClient client = StompTestClient.connect(port, intruder.token)) {
            client.send(messages(thread), Map.of("clientMessageId", "x", "text", "let me in"));
            assertThat(client.awaitError().get("code")).isEqualTo("conversation_forbidden");
        }
        try (StompTestClient client = StompTestClient.connect(port, owner.token)) {
            client.send(topic(thread), Map.of("type", "message", "text", "spoofed"));
            assertThat(client.awaitError().get("code")).isEqualTo("destination_forbidden");
        }
        assertThat(texts(owner.token, thread, 0)).isEmpty();
    }

    @Test
    void aResentClientMessageIdIsAcknowledgedButStoredOnce() {
        Customer customer = newCustomer("Resender");
        String thread = api.startConversation(customer.token, null).get("id").asString();

        try (StompTestClient client = StompTestClient.connect(port, customer.token)) {
            client.subscribe(ACKS).subscribeToConversation(thread);
            Map<String, Object> payload = Map.of("clientMessageId", "same-id", "text", "Hello?");
            client.send(messages(thread), payload);
            client.send(messages(thread), payload);

            Map<String, Object> first = client.await(ACKS);
            Map<String, Object> second = client.await(ACKS);
            assertThat(first.get("duplicate")).isEqualTo(false);
            assertThat(second.get("duplicate")).isEqualTo(true);
            assertThat(second.get("messageId")).isEqualTo(first.get("messageId"));
            assertThat(second.get("seq")).isEqualTo(first.get("seq"));
            // the next message's frame comes after any second copy of the first would have
            client.send(messages(thread), Map.of("clientMessageId", "next-id", "text", "Anyone there?"));
            assertThat(client.framesBefore(topic(thread), e -> "message".equals(e.get("type"))
                    && "Anyone there?".equals(message(e).get("text"))).stream()
                    .filter(e -> "message".equals(e.get("type")))).hasSize(1);
        }
        // the REST path shares the rule
        Api.Response again = api.post("/api/widget/conversations/" + thread + "/messages", customer.token,
                Map.of("clientMessageId", "same-id", "text", "Hello?"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(texts(customer.token, thread, 0)).containsExactly("Hello?", "Anyone there?");
    }

    @Test
    void aReconnectingClientGetsExactlyTheMessagesItMissed() {
        Customer customer = newCustomer("Roamer");
        String thread = api.startConversation(customer.token, null).get("id").asString();
        long lastSeen;
        try (StompTestClient phone = StompTestClient.connect(port, customer.token)) {
            phone.subscribeToConversation(thread);
            phone.send(messages(thread), Map.of("clientMessageId", "p-1", "text", "first"));
            phone.send(messages(thread), Map.of("clientMessageId", "p-2", "text", "second"));
            phone.await(topic(thread), isMessage());
            lastSeen = ((Number) message(phone.await(topic(thread), isMessage())).get("seq")).longValue();
        }
        // while the phone is offline, the same customer writes from the laptop
        try (StompTestClient laptop = StompTestClient.connect(port, customer.token)) {
            laptop.subscribe(ACKS);
            for (int i = 3; i <= 5; i++) {
                laptop.send(messages(thread), Map.of("clientMessageId", "l-" + i, "text", "message " + i));
            }
            laptop.await(ACKS, a -> "l-5".equals(a.get("clientMessageId")));
        }

        try (StompTestClient phone = StompTestClient.connect(port, customer.token)) {
            phone.subscribeToConversation(thread);
            JsonNode missed = api.get("/api/widget/conversations/" + thread + "/messages?after=" + lastSeen, customer.token).json();
            assertThat(missed.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(3L, 4L, 5L);
            assertThat(missed.get("messages")).extracting(m -> m.get("text").asString())
                    .containsExactly("message 3", "message 4", "message 5");
            assertThat(missed.get("lastSeq").asLong()).isEqualTo(5);
            assertThat(missed.get("hasMore").asBoolean()).isFalse();

            // and live messages keep flowing after the catch-up
            phone.send(messages(thread), Map.of("clientMessageId", "p-6", "text", "back online"));
            assertThat(message(phone.await(topic(thread), isMessage())).get("seq")).isEqualTo(6);
        }
    }

    @Test
    void invalidMessagesGetAClearErrorAndNothingIsStored() {
        Customer customer = newCustomer("Careless");
        String thread = api.startConversation(customer.token, null).get("id").asString();

        try (StompTestClient client = StompTestClient.connect(port, customer.token)) {
            client.subscribe(ERRORS).subscribe(ACKS);
            client.send(messages(thread), Map.of("clientMessageId", "long", "text", "x".repeat(4001)));
            Map<String, Object> tooLong = client.await(ERRORS);
            assertThat(tooLong.get("code")).isEqualTo("message_too_long");
            assertThat(tooLong.get("reason").toString()).contains("4001").contains("4000");
            assertThat(tooLong.get("clientMessageId")).isEqualTo("long");

            client.send(messages(thread), Map.of("clientMessageId", "empty", "text", "   "));
            assertThat(client.await(ERRORS).get("code")).isEqualTo("message_empty");

            client.sendRaw(messages(thread), "{\"clientMessageId\": \"broken\", \"text\": ");
            assertThat(client.await(ERRORS).get("code")).isEqualTo("malformed_payload");

            // the connection survives all of that
            client.send(messages(thread), Map.of("clientMessageId", "fine", "text", "x".repeat(4000)));
            assertThat(client.await(ACKS).get("seq")).isEqualTo(1);
        }
        Api.Response restTooLong = api.post("/api/widget/conversations/" + thread + "/messages", customer.token,
                Map.of("clientMessageId", "rest-long", "text", "y".repeat(5000)));
        assertThat(restTooLong.status()).isEqualTo(400);
        assertThat(restTooLong.json().get("code").asString()).isEqualTo("message_too_long");
        assertThat(texts(customer.token, thread, 0)).containsExactly("x".repeat(4000));
    }

    @Test
    void unknownConversationsAreRefused() {
        Customer customer = newCustomer("Lost");
        String unknown = UUID.randomUUID().toString();

        try (StompTestClient client = StompTestClient.connect(port, customer.token)) {
            client.subscribe(topic(unknown));
            Map<String, Object> error = client.awaitError();
            assertThat(error.get("code")).isEqualTo("conversation_not_found");
            assertThat(error.get("message").toString()).contains(unknown);
        }
        try (StompTestClient client = StompTestClient.connect(port, customer.token)) {
            client.send("/app/conversations/not-a-uuid/messages", Map.of("clientMessageId", "1", "text", "hi"));
            assertThat(client.awaitError().get("code")).isEqualTo("conversation_not_found");
        }
        Api.Response rest = api.get("/api/widget/conversations/" + unknown + "/messages?after=0", customer.token);
        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.json().get("code").asString()).isEqualTo("conversation_not_found");
    }

    @Test
    void aMalformedFrameGetsAnErrorFrame() throws Exception {
        Customer customer = newCustomer("Raw");
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        var client = new org.springframework.web.socket.client.standard.StandardWebSocketClient();
        var session = client.execute(new org.springframework.web.socket.handler.TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(org.springframework.web.socket.WebSocketSession s,
                    org.springframework.web.socket.TextMessage message) {
                received.add(message.getPayload());
            }
        }, "ws://localhost:" + port + "/ws").get(5, java.util.concurrent.TimeUnit.SECONDS);
        session.sendMessage(new org.springframework.web.socket.TextMessage(
                "CONNECT\naccept-version:1.2\nAuthorization:Bearer " + customer.token + "\n\n\0"));
        assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("CONNECTED");

        session.sendMessage(new org.springframework.web.socket.TextMessage("NOT-A-COMMAND\ncontent-length:abc\n\nbody\0"));

        String error = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(error).startsWith("ERROR");
        assertThat(error).contains("code:malformed_frame");
        session.close();
    }

    @Test
    void typingAndReadStateReachTheOtherSide() {
        Customer customer = newCustomer("Reader");
        String thread = api.startConversation(customer.token, null).get("id").asString();
        try (StompTestClient laptop = StompTestClient.connect(port, customer.token);
                StompTestClient phone = StompTestClient.connect(port, customer.token)) {
            laptop.subscribeToConversation(thread);
            phone.subscribeToConversation(thread);

            laptop.send("/app/conversations/" + thread + "/typing", Map.of("typing", true));
            Map<String, Object> typing = phone.await(topic(thread), e -> "typing".equals(e.get("type")) && Boolean.TRUE.equals(e.get("typing")));
            assertThat(((Map<?, ?>) typing.get("author")).get("type")).isEqualTo("customer");

            laptop.send(messages(thread), Map.of("clientMessageId", "r-1", "text", "one"));
            phone.await(topic(thread), isMessage());
            conversations.post(new PostMessage(UUID.fromString(thread), Author.system(), "An agent will be with you shortly", null, null));
            phone.await(topic(thread), isMessage());

            laptop.send("/app/conversations/" + thread + "/read", Map.of("seq", 2));
            Map<String, Object> read = phone.await(topic(thread), e -> "read".equals(e.get("type")));
            assertThat(read.get("reader")).isEqualTo("customer");
            assertThat(read.get("seq")).isEqualTo(2);
        }
    }

    @Test
    void theThreadListShowsNewestActivityFirstWithPreviewAndUnreadCount() {
        Customer customer = newCustomer("Lister");
        String older = api.startConversation(customer.token, "Older").get("id").asString();
        String newer = api.startConversation(customer.token, "Newer").get("id").asString();
        api.post("/api/widget/conversations/" + older + "/messages", customer.token, Map.of("clientMessageId", "o1", "text", "bump the older one"));

        JsonNode threads = api.get("/api/widget/conversations", customer.token).json();
        assertThat(threads).extracting(t -> t.get("id").asString()).containsExactly(older, newer);
        assertThat(threads.get(0).get("lastMessage").get("text").asString()).isEqualTo("bump the older one");
        assertThat(threads.get(0).get("unreadCount").asLong()).isZero();
        assertThat(threads.get(1).get("lastMessage").isNull()).isTrue();

        conversations.post(new PostMessage(UUID.fromString(newer), Author.system(), "We're looking into it", null, null));
        conversations.post(new PostMessage(UUID.fromString(newer), Author.system(), "Still on it", null, null));
        threads = api.get("/api/widget/conversations", customer.token).json();
        assertThat(threads).extracting(t -> t.get("id").asString()).containsExactly(newer, older);
        assertThat(threads.get(0).get("unreadCount").asLong()).isEqualTo(2);
        assertThat(threads.get(0).get("lastMessage").get("author").get("type").asString()).isEqualTo("system");

        assertThat(api.post("/api/widget/conversations/" + newer + "/read", customer.token, Map.of("seq", 1)).status()).isEqualTo(204);
        assertThat(api.get("/api/widget/conversations", customer.token).json().get(0).get("unreadCount").asLong()).isEqualTo(1);
        api.post("/api/widget/conversations/" + newer + "/read", customer.token, Map.of("seq", 99));
        assertThat(api.get("/api/widget/conversations", customer.token).json().get(0).get("unreadCount").asLong()).isZero();
    }

    private Customer newCustomer(String name) {
        JsonNode session = api.session(Map.of("name", name));
        return new Customer(session.get("token").asString(), session.get("customer").get("id").asString());
    }

    private List<String> texts(String token, String thread, long after) {
        JsonNode page = api.get("/api/widget/conversations/" + thread + "/messages?after=" + after, token).json();
        return page.get("messages").valueStream().map(m -> m.get("text").asString()).toList();
    }

    private static java.util.function.Predicate<Map<String, Object>> isMessage() {
        return event -> "message".equals(event.get("type"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(Map<String, Object> event) {
        return (Map<String, Object>) event.get("message");
    }

    private static String topic(String thread) {
        return "/topic/conversations/" + thread;
    }

    private static String messages(String thread) {
        return "/app/conversations/" + thread + "/messages";
    }

    record Customer(String token, String id) {
    }
}
