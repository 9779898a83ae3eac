package io.parley.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages stored before the typed contract, one of every kind the server ever wrote, exactly as the old code wrote
 * them (a map serialised as is): each still reads as its type and goes out on the wire as it always did, both
 * meanings of kind "handoff" (the bot's hand-off, and the system notice that an agent joined) included.
 */
@ParleyIntegrationTest
class StoredMessageKindsIntegrationTests {

    /**
     * The payloads as the map-based code stored them (bot kinds first, then the system notices), by name, with their
     * author type: {@code stored-payloads.json}, which the front ends' tests render too (src/test/js/stored-kinds.test.js).
     */
    private static final Map<String, String> OLD_ROWS = new LinkedHashMap<>();
    private static final Map<String, String> AUTHORS = new LinkedHashMap<>();

    static {
        try (InputStream in = StoredMessageKindsIntegrationTests.class.getResourceAsStream("stored-payloads.json")) {
            for (JsonNode row : Api.JSON.readTree(in).get("rows")) {
                OLD_ROWS.put(row.get("name").asString(), row.get("payload").toString());
                AUTHORS.put(row.get("name").asString(), row.get("author").asString());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Conversations conversations;

    @Test
    void aStoredMessageOfEveryOldKindReadsAsItsTypeAndRendersAsBefore() {
        Api api = new Api(port);
        String token = api.session(Map.of("name", "Old Rows")).get("token").asString();
        UUID conversation = UUID.fromString(api.startConversation(token, null).get("id").asString());
        List<String> rows = List.copyOf(OLD_ROWS.values());
        OLD_ROWS.forEach((name, row) -> store(conversation, AUTHORS.get(name), row));

        // the staff view carries every field; the customer's leaves out the bot's internals (issue #15)
        String admin = api.login(io.parley.ParleyIntegrationTest.ADMIN_EMAIL, io.parley.ParleyIntegrationTest.ADMIN_PASSWORD);
        JsonNode messages = api.get("/api/agent/conversations/" + conversation + "/messages?after=0", admin).json().get("messages");
        JsonNode forCustomer = api.get("/api/widget/conversations/" + conversation + "/messages?after=0", token).json().get("messages");
        assertThat(forCustomer).hasSize(rows.size());
        assertThat(forCustomer.get(0).get("payload").has("decision")).isFalse();
        assertThat(forCustomer.get(0).get("payload").get("sources").get(0).has("score")).isFalse();
        assertThat(forCustomer.get(0).get("payload").get("sources").get(0).get("title").asString()).isEqualTo("Exporting your tasks");
        assertThat(messages).hasSize(rows.size());
        int i = 0;
        for (var old : OLD_ROWS.entrySet()) {
            assertThat(messages.get(i++).get("payload")).as(old.getKey()).isEqualTo(Api.JSON.readTree(old.getValue()));
        }

        List<ChatMessage> typed = conversations.messagesAfter(conversation, 0, 100);
        assertThat(typed).extracting(m -> m.payload().getClass().getSimpleName()).containsExactly("BotAnswer", "Clarify",
                "DontKnow", "OfferHuman", "OfferHuman", "HandedOff", "SmallTalk", "Busy", "AnswerConfirmed", "AnswerConfirmed",
                "Queued", "Queued", "OutOfHours", "OutOfHours", "AgentJoined", "ReturnedToBot", "CsatRequest", "ContactSaved",
                "NpsSurvey", "NpsAnswered");
        MessageContent.BotAnswer answer = (MessageContent.BotAnswer) typed.get(0).payload();
        assertThat(answer.alternatives()).containsExactly(new MessageContent.Alternative("a2", "Printing"));
        assertThat(answer.sources().get(0).cosine()).isNull();
        assertThat(((MessageContent.OutOfHours) typed.get(12).payload()).backAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void aPayloadFromANewerVersionLeavesTheMessageReadable() {
        Api api = new Api(port);
        String token = api.session(Map.of("name", "Newer Rows")).get("token").asString();
        UUID conversation = UUID.fromString(api.startConversation(token, null).get("id").asString());
        store(conversation, "bot", "{\"kind\": \"carousel\", \"cards\": [1, 2]}");
        store(conversation, "bot", "{\"kind\": \"small_talk\", \"locale\": \"en\", \"mood\": \"cheerful\"}");

        JsonNode messages = api.get("/api/widget/conversations/" + conversation + "/messages?after=0", token).json().get("messages");
        assertThat(messages).extracting(m -> m.get("text").asString()).containsExactly("old row 1", "old row 2");
        assertThat(messages.get(0).get("payload").isNull()).isTrue();
        assertThat(messages.get(1).get("payload")).isEqualTo(Api.JSON.readTree("{\"kind\": \"small_talk\", \"locale\": \"en\"}"));
    }

    private void store(UUID conversation, String authorType, String payload) {
        long seq = jdbc.sql("select last_seq from conversation where id = ?").param(conversation).query(Long.class).single() + 1;
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into message (id, conversation_id, seq, author_type, author_id, author_name, text, payload, client_message_id, created_at)
                values (?, ?, ?, ?, null, null, ?, cast(? as jsonb), null, ?)""")
                .params(UUID.randomUUID(), conversation, seq, authorType, "old row " + seq, payload, now).update();
        jdbc.sql("update conversation set last_seq = ?, last_message_at = ? where id = ?").params(seq, now, conversation).update();
    }
}
