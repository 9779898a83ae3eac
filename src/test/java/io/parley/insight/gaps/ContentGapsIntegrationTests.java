package io.parley.insight.gaps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.chat.PostMessage;
import io.parley.handoff.ConversationHandedOff;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Content gaps from conversation events: grouping by meaning on a fixed set of unanswered questions, the agent's
 * reply as a draft, addressing a group with an article and that article's helpfulness afterwards.
 */
@ParleyIntegrationTest
class ContentGapsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Conversations conversations;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String writer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        writer = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void unansweredQuestionsAreGroupedByMeaning() {
        List<List<String>> topics = List.of(
                List.of("Is there a dark mode?", "How can I switch the app to a dark theme?",
                        "Can I turn on night mode, the white screen hurts my eyes"),
                List.of("Do you integrate with Jira?", "How do I connect my Jira project to Tasklane?",
                        "Can I sync issues from Jira"),
                List.of("Is there time tracking?", "How do I log the hours I spent on a task?",
                        "Can I track time per task and export timesheets?"),
                List.of("Do you have a Gantt chart view?", "Where do I find the Gantt view"));
        List<List<String>> turkish = List.of(List.of("Karanlık mod var mı?", "Karanlık modu nasıl açarım?"),
                List.of("Jira entegrasyonu var mı?"));
        Map<String, UUID> conversationOf = new LinkedHashMap<>();
        // interleaved, as they would arrive
        for (int i = 0; i < 3; i++) {
            for (List<String> topic : topics) {
                if (i < topic.size()) {
                    conversationOf.put(topic.get(i), dontKnow(topic.get(i), "en"));
                }
            }
            for (List<String> topic : turkish) {
                if (i < topic.size()) {
                    conversationOf.put(topic.get(i), dontKnow(topic.get(i), "tr"));
                }
            }
        }

        Map<String, UUID> groupOf = awaitGroups(conversationOf);
        List<List<String>> expected = new ArrayList<>(topics);
        expected.addAll(turkish);
        Set<UUID> distinct = new HashSet<>();
        for (List<String> topic : expected) {
            Set<UUID> groups = new HashSet<>();
            topic.forEach(q -> groups.add(groupOf.get(q)));
            assertThat(groups).as("one group for %s", topic).hasSize(1);
            distinct.addAll(groups);
        }
        assertThat(distinct).as("a group per topic").hasSize(expected.size());

        JsonNode dark = group(groupOf.get("Is there a dark mode?"));
        assertThat(dark.get("count").asInt()).isEqualTo(3);
        assertThat(dark.get("title").asString()).isEqualTo("Is there a dark mode?");
        assertThat(dark.get("locales").get("en").asInt()).isEqualTo(3);
        assertThat(dark.get("sources").get("unanswered").asInt()).isEqualTo(3);
        assertThat(texts(dark.get("examples"), "question")).containsExactlyInAnyOrderElementsOf(topics.get(0));

        // the list is ordered by size and filters by language
        JsonNode turkishOnly = api.get("/api/insights/content-gaps?locale=tr&status=all&limit=200", writer).json();
        Set<String> turkishIds = new HashSet<>(texts(turkishOnly, "id"));
        assertThat(turkishIds).contains(groupOf.get("Karanlık mod var mı?").toString(), groupOf.get("Jira entegrasyonu var mı?").toString())
                .doesNotContain(groupOf.get("Is there a dark mode?").toString());
        JsonNode all = api.get("/api/insights/content-gaps?status=all&limit=200", writer).json();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).get("count").asInt()).isGreaterThanOrEqualTo(all.get(i).get("count").asInt());
        }
    }

    @Test
    void aGroupKeepsTheAgentsReplyAndTracksTheArticleThatAddressedIt() {
        String customer = api.session(Map.of("locale", "en")).get("token").asString();
        UUID conversation = UUID.fromString(api.startConversation(customer, null).get("id").asString());
        conversations.post(new PostMessage(conversation, Author.customer(null, "Ada"), "Can I pay with bitcoin?", null, null));
        bot(conversation, "I'm not sure I know that one.", new MessageContent.DontKnow("en", "Can I pay with bitcoin?",
                null, "missing_knowledge", null));
        events.publishEvent(new ConversationHandedOff(conversation, UUID.randomUUID(), "en", "missing_knowledge",
                "Talk to a person", false, Instant.now()));
        conversations.post(new PostMessage(conversation, Author.agent("a-1", "Alice"), "Hi!", null, null));
        String reply = "We do not take bitcoin, but you can pay by card or bank transfer under Settings → Billing.";
        conversations.post(new PostMessage(conversation, Author.agent("a-1", "Alice"), reply, null, null));

        UUID groupId = awaitGroups(Map.of("Can I pay with bitcoin?", conversation)).get("Can I pay with bitcoin?");
        JsonNode group = await().atMost(Duration.ofSeconds(20)).until(() -> group(groupId), g -> g.get("draft").isObject());
        assertThat(group.get("draft").get("text").asString()).isEqualTo(reply);
        assertThat(group.get("handedOff").asInt()).isEqualTo(1);
        assertThat(group.get("count").asInt()).as("the handoff marks the question, it adds none").isEqualTo(1);
        assertThat(group.get("addressed").isNull()).isTrue();

        Api.Response created = api.post("/api/articles", writer, Map.of("title", "Paying with cryptocurrency " + UUID.randomUUID(),
                "body", "We accept cards and bank transfers. " + reply, "status", "published"));
        assertThat(created.status()).isEqualTo(201);
        String articleId = created.json().get("id").asString();

        // one helpful answer before the group is addressed counts for the article, not for "since addressed"
        events.publishEvent(new AnswerFeedbackGiven(conversation, articleId, true));
        await().atMost(Duration.ofSeconds(20)).until(() -> usage(articleId).get("helpful").asInt() == 1);

        Api.Response addressed = api.post("/api/insights/content-gaps/" + groupId + "/address", writer, Map.of("articleId", articleId));
        assertThat(addressed.status()).as(addressed.body()).isEqualTo(200);
        assertThat(addressed.json().get("addressed").get("article").get("slug").asString())
                .isEqualTo(created.json().get("slug").asString());
        assertThat(addressed.json().get("addressed").get("by").asString()).isNotBlank();
        assertThat(api.get("/api/insights/content-gaps?status=open&limit=200", writer).json().findValuesAsString("id"))
                .doesNotContain(groupId.toString());

        // later: the bot answers from the article twice; one customer says yes, one says no
        MessageContent.Source source = new MessageContent.Source(articleId, "paying", null, "Paying", null, null, null,
                null, null, null, null, null);
        bot(conversation, "You can pay by card.", answer("Can I pay in crypto?", articleId, source));
        bot(conversation, "You can pay by card.", answer("Do you take bitcoin payments?", articleId, source));
        events.publishEvent(new AnswerFeedbackGiven(conversation, articleId, true));
        events.publishEvent(new AnswerFeedbackGiven(conversation, articleId, false));

        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(() -> group(groupId),
                g -> g.get("addressed").get("since").get("unhelpful").asInt() == 1);
        JsonNode since = after.get("addressed").get("since");
        assertThat(since.get("shown").asInt()).isEqualTo(2);
        assertThat(since.get("helpful").asInt()).isEqualTo(1);
        assertThat(since.get("unhelpful").asInt()).isEqualTo(1);
        // the "no" recorded the question it was about, which joined the same group after it was addressed
        assertThat(after.get("addressed").get("newQuestions").asInt()).isEqualTo(1);
        assertThat(texts(after.get("examples"), "question")).contains("Do you take bitcoin payments?");
        assertThat(after.get("sources").get("unhelpful").asInt()).isEqualTo(1);

        JsonNode usage = usage(articleId);
        assertThat(usage.get("shown").asInt()).isEqualTo(2);
        assertThat(usage.get("helpful").asInt()).isEqualTo(2);
        assertThat(usage.get("unhelpful").asInt()).isEqualTo(1);
        assertThat(api.get("/api/insights/content-gaps/article-usage", writer).json().findValuesAsString("articleId"))
                .contains(articleId);

        Api.Response reopened = api.delete("/api/insights/content-gaps/" + groupId + "/address", writer);
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("addressed").isNull()).isTrue();
    }

    @Test
    void theRealBotsDontKnowBecomesAGapAndAHandoffWithoutOneIsRecordedToo() {
        String customer = api.session(Map.of("locale", "en")).get("token").asString();
        String question = "Do you have an on-premise version I can install on my own servers?";
        Api.Response started = api.post("/api/widget/conversations", customer, Map.of("text", question));
        UUID conversation = UUID.fromString(started.json().get("conversation").get("id").asString());
        assertThat(awaitGroups(Map.of(question, conversation))).containsKey(question);

        // a conversation handed off without a bot "don't know" before it (e.g. the customer asked for a person at once)
        UUID otherCustomer = UUID.fromString(api.session(Map.of("locale", "en")).get("customer").get("id").asString());
        UUID other = conversations.start(otherCustomer, null, "en").id();
        events.publishEvent(new ConversationHandedOff(other, otherCustomer, "en", "missing_knowledge",
                "Can I white-label the widget with my own logo?", false, Instant.now()));
        UUID groupId = awaitGroups(Map.of("Can I white-label the widget with my own logo?", other))
                .get("Can I white-label the widget with my own logo?");
        JsonNode group = group(groupId);
        assertThat(group.get("sources").get("handed_off").asInt()).isEqualTo(1);
        assertThat(group.get("handedOff").asInt()).isEqualTo(1);
    }

    @Test
    void writersOnlyAndClearErrors() {
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/insights/content-gaps", customer).status()).isEqualTo(403);
        assertThat(api.get("/api/insights/content-gaps", null).status()).isEqualTo(401);
        assertThat(api.get("/api/insights/content-gaps?status=closed", writer).json().get("fields").has("status")).isTrue();
        Api.Response missing = api.get("/api/insights/content-gaps/" + UUID.randomUUID(), writer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("content_gap_not_found");
    }

    private UUID dontKnow(String question, String locale) {
        UUID conversation = UUID.randomUUID();
        MessageContent payload = new MessageContent.DontKnow(locale, question, null, "missing_knowledge", null);
        events.publishEvent(new MessagePosted(conversation, UUID.randomUUID(), new ChatMessage(UUID.randomUUID(),
                conversation, 2, Author.bot("Parley"), "I don't know that one yet.", payload, null, Instant.now())));
        return conversation;
    }

    private static MessageContent answer(String query, String articleId, MessageContent.Source source) {
        return new MessageContent.BotAnswer("en", query, articleId, null, false, 0, null, List.of(source), null, null);
    }

    private void bot(UUID conversation, String text, MessageContent payload) {
        conversations.post(new PostMessage(conversation, Author.bot("Parley"), text, payload, null));
    }

    /** Waits until every question is recorded, then answers question → group. */
    private Map<String, UUID> awaitGroups(Map<String, UUID> conversationOf) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, UUID> groups = new HashMap<>();
            conversationOf.forEach((question, conversation) -> jdbc
                    .sql("select group_id from content_gap_question where conversation_id = ? and question = ?")
                    .params(conversation, question).query(UUID.class).optional()
                    .ifPresent(g -> groups.put(question, g)));
            return groups;
        }, groups -> groups.size() == conversationOf.size());
    }

    private JsonNode group(UUID id) {
        Api.Response response = api.get("/api/insights/content-gaps/" + id, writer);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode usage(String articleId) {
        return api.get("/api/insights/content-gaps/article-usage/" + articleId, writer).json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }
}
