package io.parley.support;

import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.parley.support.ChatEvents.isBotMessage;
import static io.parley.support.ChatEvents.isMessageWithText;
import static io.parley.support.ChatEvents.message;
import static io.parley.support.ChatEvents.payload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A widget customer with one conversation and a live subscription to its topic, on a real STOMP connection made
 * by the test ({@code connect}, so the test closes it).
 */
public class WidgetCustomer {

    public final String token;
    public final String id;
    public final String customerId;
    public final StompTestClient ws;
    /** Messages sent so far; the next one's client message id is {@code c-<sent + 1>}. */
    public int sent;

    private final Api api;

    /** @param name null for an anonymous visitor */
    public WidgetCustomer(Api api, Function<String, StompTestClient> connect, String locale, String name) {
        this.api = api;
        JsonNode session = api.session(name == null ? Map.of("locale", locale) : Map.of("locale", locale, "name", name));
        token = session.get("token").asString();
        customerId = session.get("customer").get("id").asString();
        id = api.startConversation(token, null).get("id").asString();
        ws = connect.apply(token);
        ws.subscribeToConversation(id);
    }

    public String topic() {
        return "/topic/conversations/" + id;
    }

    public void send(String text) {
        ws.send("/app/conversations/" + id + "/messages", Map.of("clientMessageId", "c-" + (++sent), "text", text));
    }

    /** Sends {@code text} and waits for the bot's next message. */
    public Map<String, Object> ask(String text) {
        send(text);
        return ws.await(topic(), isBotMessage());
    }

    /** A system message of this payload kind, whenever it arrived (its order against status events is not defined). */
    public Map<String, Object> awaitSystem(String kind) {
        return ws.awaitSeen(topic(), e -> "message".equals(e.get("type"))
                && "system".equals(((Map<?, ?>) message(e).get("author")).get("type"))
                && payload(e) != null && kind.equals(payload(e).get("kind")));
    }

    /**
     * The customer's message {@code text} got no bot reply: the bot's listener has finished with it (its event
     * publication is done), and nothing the bot wrote after it is stored or was received.
     */
    public void assertBotSilentAfter(JdbcClient jdbc, String text) {
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
