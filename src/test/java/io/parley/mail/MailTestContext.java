package io.parley.mail;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Agents;
import io.parley.support.Api;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with mail switched on against one GreenMail SMTP server per test JVM, and the customers, agents and
 * waits the mail tests share. The mail test classes share this one configuration, so they share one Spring context.
 */
@ParleyIntegrationTest
abstract class MailTestContext {

    static final Mailbox MAILBOX = Mailbox.shared();
    static final String TEAM = "team@parley.test";
    static final String SECRET = "inbound-secret-for-tests";
    static final Duration REPLY_DELAY = Duration.ofSeconds(4);
    /** Renewed every second; a closed widget counts as gone two seconds later. */
    static final Duration PRESENCE_LEASE = Duration.ofSeconds(4);
    static final Pattern REPLY_ADDRESS = Pattern.compile("reply\\+[0-9a-f]{32}@in\\.parley\\.test");
    static final Pattern LINK = Pattern.compile("https://shop\\.example/support\\?(parley-conversation=([0-9a-f-]{36})&parley-link=(\\S+))");

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", MAILBOX::port);
        registry.add("parley.mail.from", () -> "Parley Support <support@parley.test>");
        registry.add("parley.mail.team-inbox", () -> TEAM);
        registry.add("parley.mail.widget-url", () -> "https://shop.example/support");
        registry.add("parley.mail.reply-delay", REPLY_DELAY::toString);
        registry.add("parley.mail.send-interval", () -> "200ms");
        registry.add("parley.mail.reply-domain", () -> "in.parley.test");
        registry.add("parley.mail.inbound-secret", () -> SECRET);
        registry.add("parley.mail.presence-lease", PRESENCE_LEASE::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Agents agents;

    @BeforeEach
    void setUpMail() {
        api = new Api(port);
        agents = new Agents(api);
        agents.isolate(jdbc);
    }

    /** An agent who is online, so hand-offs are assigned to them. */
    Agents.Agent online(String name) {
        Agents.Agent agent = agents.create(name);
        agents.presence(agent, "online");
        return agent;
    }

    /** An address no other test uses. */
    static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    long reply(Agents.Agent agent, Customer customer, String text) {
        Api.Response reply = api.post("/api/agent/conversations/" + customer.conversationId + "/reply", agent.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("message").get("seq").asLong();
    }

    void awaitState(String conversationId, String state) {
        await(() -> state.equals(api.get("/api/agent/conversations/" + conversationId, agents.adminToken()).json().path("state").asString()),
                "conversation " + conversationId + " in state " + state);
    }

    void awaitOutbox(String conversationId, String status, int count) {
        await(() -> jdbc.sql("select count(*) from mail_outbox where conversation_id = ? and status = ?")
                .params(UUID.fromString(conversationId), status).query(Integer.class).single() == count,
                count + " outbox rows " + status);
    }

    static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Mailbox.WAIT).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    Customer customer(String locale, String name, String email) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("locale", locale));
        if (name != null) {
            request.put("name", name);
        }
        if (email != null) {
            request.put("email", email);
        }
        JsonNode session = api.session(request);
        String token = session.get("token").asString();
        return new Customer(token, session.get("customer").get("id").asString(), api.startConversation(token, null).get("id").asString());
    }

    /** A widget customer, driven over REST. */
    final class Customer {
        final String token;
        final String customerId;
        final String conversationId;
        int sent;

        Customer(String token, String customerId, String conversationId) {
            this.token = token;
            this.customerId = customerId;
            this.conversationId = conversationId;
        }

        long post(String text) {
            Api.Response posted = api.post("/api/widget/conversations/" + conversationId + "/messages", token,
                    Map.of("clientMessageId", "m-" + (++sent), "text", text));
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            return posted.json().get("message").get("seq").asLong();
        }

        void handOff() {
            post("I want to talk to a person");
            await(() -> !"bot".equals(api.get("/api/agent/conversations/" + conversationId, agents.adminToken()).json()
                    .path("state").asString("bot")), "hand-off of " + conversationId);
        }

        /** Handed off and assigned to the agent who is online. */
        void handOffToAgent() {
            handOff();
            awaitState(conversationId, "assigned");
        }

        JsonNode awaitMessage(Predicate<JsonNode> matching) {
            AtomicReference<JsonNode> found = new AtomicReference<>();
            await(() -> {
                JsonNode page = api.get("/api/widget/conversations/" + conversationId + "/messages?after=0", token).json();
                found.set(page.get("messages").valueStream().filter(matching).findFirst().orElse(null));
                return found.get() != null;
            }, "a message in " + conversationId);
            return found.get();
        }
    }
}
