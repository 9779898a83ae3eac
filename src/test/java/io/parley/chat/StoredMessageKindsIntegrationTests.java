package io.parley.chat;

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

    /** kind → the payload as the map-based code stored it (bot kinds first, then the system notices). */
    private static final Map<String, String> OLD_ROWS = new LinkedHashMap<>();

    static {
        String decision = "\"decision\": {\"action\": \"%s\", \"confidence\": 0.912, \"searchedLocale\": \"en\", \"vectorsUsed\": true, \"searchMs\": 3.25}";
        String source = """
                {"articleId": "a1", "slug": "export", "locale": "en", "title": "Exporting your tasks", "url": "https://help.example/export",
                 "section": "CSV", "snippet": "Open Settings, then Export.", "score": 0.5, "bm25Rank": 1, "vectorRank": 2, "cosine": null,
                 "queryTermCoverage": 1.0}""";
        OLD_ROWS.put("answer", """
                {"kind": "answer", "locale": "en", "query": "How do I export?", "answeredArticleId": "a1", "writer": "extractive",
                 "feedbackRequested": true, "unhelpfulStreak": 0, %s, "sources": [%s],
                 "alternatives": [{"articleId": "a2", "title": "Printing"}],
                 "quickReplies": [{"label": "Yes", "value": "Yes"}, {"label": "No", "value": "No"}]}"""
                .formatted(decision.formatted("answer"), source));
        OLD_ROWS.put("clarify", """
                {"kind": "clarify", "locale": "de", "query": "Export", %s,
                 "options": [{"articleId": "a1", "title": "Exporting your tasks", "slug": "export"}], "sources": [%s],
                 "quickReplies": [{"label": "Exporting your tasks", "value": "Exporting your tasks"}, {"label": "Keiner davon", "value": "Keiner davon"}]}"""
                .formatted(decision.formatted("clarify"), source));
        OLD_ROWS.put("dont_know", """
                {"kind": "dont_know", "locale": "en", "query": "Can I pay in bitcoin?", %s, "offeredHandoffReason": "missing_knowledge",
                 "quickReplies": [{"label": "Talk to a person", "value": "Talk to a person"}]}"""
                .formatted(decision.formatted("handoff_offered")));
        OLD_ROWS.put("offer_human", """
                {"kind": "offer_human", "locale": "tr", "offeredHandoffReason": "frustration",
                 "quickReplies": [{"label": "Bir temsilciyle görüş", "value": "Bir temsilciyle görüş"}]}""");
        OLD_ROWS.put("offer_human without a locale (the bot's apology)", """
                {"kind": "offer_human", "offeredHandoffReason": "bot_error",
                 "quickReplies": [{"label": "Talk to a person", "value": "Talk to a person"}]}""");
        OLD_ROWS.put("handoff", """
                {"kind": "handoff", "locale": "en", "handoffReason": "billing_dispute"}""");
        OLD_ROWS.put("small_talk", """
                {"kind": "small_talk", "locale": "fa"}""");
        OLD_ROWS.put("busy", """
                {"kind": "busy"}""");
        OLD_ROWS.put("resolved", """
                {"kind": "resolved", "locale": "en", "confirmedArticleId": "a1"}""");
        OLD_ROWS.put("resolved without an answer before it", """
                {"kind": "resolved", "locale": "en", "confirmedArticleId": null}""");
        OLD_ROWS.put("queue", """
                {"kind": "queue", "state": "queued", "position": 3, "expectedWait": 240}""");
        OLD_ROWS.put("queue without history", """
                {"kind": "queue", "state": "queued", "position": 1, "expectedWait": null}""");
        OLD_ROWS.put("out_of_hours", """
                {"kind": "out_of_hours", "state": "queued", "backAt": "2026-12-07T08:00:00Z", "timeZone": "Europe/Berlin", "position": 2}""");
        OLD_ROWS.put("out_of_hours never open", """
                {"kind": "out_of_hours", "state": "queued", "backAt": null, "timeZone": "UTC", "position": 1}""");
        OLD_ROWS.put("handoff, an agent joined", """
                {"kind": "handoff", "state": "assigned", "agentName": "Dana"}""");
        OLD_ROWS.put("returned_to_bot", """
                {"kind": "returned_to_bot", "state": "bot"}""");
        OLD_ROWS.put("csat", """
                {"kind": "csat", "state": "resolved"}""");
        OLD_ROWS.put("contact_saved", """
                {"kind": "contact_saved", "email": "kim@example.com"}""");
        OLD_ROWS.put("nps", """
                {"kind": "nps", "surveyId": "6f1f7d1e-8f43-4d0e-9a5b-0c5d2b7f9e11", "min": 0, "max": 10}""");
        OLD_ROWS.put("nps_answered", """
                {"kind": "nps_answered", "surveyId": "6f1f7d1e-8f43-4d0e-9a5b-0c5d2b7f9e11", "score": 9}""");
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
        for (String row : rows) {
            store(conversation, row.contains("\"state\"") || row.contains("\"nps") || row.contains("contact_saved") ? "system" : "bot", row);
        }

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
