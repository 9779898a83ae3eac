package io.parley.assistant;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.parley.ParleyIntegrationTest;
import io.parley.assistant.calibration.AnswerLabel;
import io.parley.assistant.calibration.AnswerLabels;
import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import io.parley.support.Subscriptions;
import io.parley.support.WidgetCustomer;

import static io.parley.support.ChatEvents.isBotMessage;
import static io.parley.support.ChatEvents.message;
import static io.parley.support.ChatEvents.payload;
import static io.parley.support.ChatEvents.sources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of the three sources of answer labels, through the real interfaces: a customer's Yes / No over STOMP, an
 * agent's reply with an article link over STOMP, a writer's verdict over REST. Each stores its label once, however
 * often the event is delivered.
 */
@ParleyIntegrationTest
class AnswerLabelsIntegrationTests {

    static final String INBOX = "/user/queue/inbox";
    static final String ACKS = "/user/queue/acks";

    @LocalServerPort
    int port;

    @Autowired
    AnswerLabels labels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SimpUserRegistry users;

    Api api;
    final List<StompTestClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterEach
    void tearDown() {
        clients.forEach(StompTestClient::close);
        clients.clear();
    }

    @Test
    void aCustomersYesAndNoToAnAnswerAreLabelsOfItsArticle() {
        Customer yes = new Customer("en");
        Map<String, Object> answer = yes.ask("How do I reset my password? I forgot it.");
        assertThat(payload(answer)).containsEntry("kind", "answer");
        String slug = (String) sources(answer).get(0).get("slug");
        assertThat(payload(yes.ask("Yes"))).containsEntry("kind", "resolved");

        assertThat(labelsOf(yes.id)).singleElement().satisfies(label -> {
            assertThat(label.source()).isEqualTo(AnswerLabel.Source.CUSTOMER_FEEDBACK);
            assertThat(label.verdict()).isEqualTo(AnswerLabel.Verdict.RIGHT_ARTICLE);
            assertThat(label.articleSlug()).isEqualTo(slug);
            assertThat(label.articleLocale()).isEqualTo("en");
            assertThat(label.query()).contains("reset my password");
            assertThat(label.locale()).isEqualTo("en");
        });
        assertThat(labels.recent("en-GB", 500)).extracting(AnswerLabel::conversationId).contains(UUID.fromString(yes.id));

        Customer no = new Customer("en");
        Map<String, Object> first = no.ask("How do I reset my password? I forgot it.");
        String firstSlug = (String) sources(first).get(0).get("slug");
        Map<String, Object> next = no.ask("No");
        assertThat(payload(next).get("kind")).isIn("answer", "offer_human");
        assertThat(labelsOf(no.id)).singleElement().satisfies(label -> {
            assertThat(label.verdict()).isEqualTo(AnswerLabel.Verdict.WRONG_ARTICLE);
            assertThat(label.articleSlug()).isEqualTo(firstSlug);
        });
    }

    @Test
    void aResubmittedFeedbackMessageStoresNoSecondLabel() {
        Customer customer = new Customer("en");
        customer.ask("How do I reset my password? I forgot it.");
        customer.ask("Yes");
        assertThat(labelsOf(customer.id)).hasSize(1);
        // the same "Yes" delivered again (a client resend with its clientMessageId): acknowledged as a duplicate
        customer.ws.send("/app/conversations/" + customer.id + "/messages",
                Map.of("clientMessageId", "c-" + customer.sent, "text", "Yes"));
        assertThat(patiently(customer.ws, ACKS, e -> Boolean.TRUE.equals(e.get("duplicate")))).containsEntry("duplicate", true);
        // and the store refuses a second label for the same source event
        AnswerLabel stored = labelsOf(customer.id).get(0);
        String key = jdbc.sql("select source_key from answer_label where id = ?").param(stored.id()).query(String.class).single();
        assertThat(labels.record(new AnswerLabels.NewLabel(AnswerLabel.Source.CUSTOMER_FEEDBACK, key, "again", "en",
                stored.articleSlug(), "en", AnswerLabel.Verdict.RIGHT_ARTICLE, stored.conversationId()))).isFalse();
        assertThat(labelsOf(customer.id)).hasSize(1);
    }

    @Test
    void anAgentWhoAnswersAHandedOffQuestionWithAnArticleLinkLabelsThatArticleOnce() {
        Agents agents = new Agents(api);
        agents.isolate(jdbc);
        Agents.Agent dana = agents.create("Dana");
        StompTestClient danaWs = connect(dana.token());
        // the inbox reaches only registered subscriptions: wait for the server to have them before the hand-off
        Subscriptions.subscribeAndAwait(users, danaWs, dana, INBOX, "/user/queue/errors", ACKS);

        Customer customer = new Customer("en");
        String question = "Do you have an on-premise version I can install on my own servers?";
        assertThat(payload(customer.ask(question))).containsEntry("kind", "dont_know");
        customer.send("Talk to a person");
        patiently(danaWs, INBOX, e -> "queued".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));
        danaWs.send("/app/conversations/" + customer.id + "/claim", Map.of());
        patiently(danaWs, INBOX, e -> "assigned".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));

        String reply = "Not on premise, but see [Security and data encryption](/help/en/security-and-data-encryption).";
        danaWs.send("/app/conversations/" + customer.id + "/reply", Map.of("clientMessageId", "a-1", "text", reply));
        assertThat(patiently(danaWs, ACKS, e -> true)).containsEntry("duplicate", false);
        patiently(customer.ws, customer.topic(), e -> "message".equals(e.get("type"))
                && "agent".equals(((Map<?, ?>) message(e).get("author")).get("type")));

        // the agent's client resends the same reply, and writes another without a link
        danaWs.send("/app/conversations/" + customer.id + "/reply", Map.of("clientMessageId", "a-1", "text", reply));
        assertThat(patiently(danaWs, ACKS, e -> true)).containsEntry("duplicate", true);
        danaWs.send("/app/conversations/" + customer.id + "/reply", Map.of("clientMessageId", "a-2", "text", "Anything else?"));
        assertThat(patiently(danaWs, ACKS, e -> true)).containsEntry("duplicate", false);

        assertThat(labelsOf(customer.id)).singleElement().satisfies(label -> {
            assertThat(label.source()).isEqualTo(AnswerLabel.Source.AGENT_LINK);
            assertThat(label.verdict()).isEqualTo(AnswerLabel.Verdict.RIGHT_ARTICLE);
            assertThat(label.articleSlug()).isEqualTo("security-and-data-encryption");
            // the question the conversation was handed off with, not "Talk to a person"
            assertThat(label.query()).isEqualTo(question);
        });
    }

    @Test
    void aWritersVerdictIsStoredOnceAndAChangeOfMindReplacesIt() {
        String writer = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        String question = "How do I reset my password? " + UUID.randomUUID();
        JsonNode preview = api.post("/api/assistant/preview", writer, Map.of("question", question, "locale", "en")).json();
        String slug = preview.get("searched").get(0).get("hits").get(0).get("slug").asString();

        Map<String, Object> verdict = Map.of("question", question, "locale", "en", "articleSlug", slug, "verdict", "wrong_article");
        Api.Response saved = api.post("/api/assistant/labels", writer, verdict);
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("verdict").asString()).isEqualTo("wrong_article");
        assertThat(api.post("/api/assistant/labels", writer, verdict).status()).isEqualTo(201);
        assertThat(writerLabels(question)).singleElement().satisfies(l -> assertThat(l.verdict()).isEqualTo(AnswerLabel.Verdict.WRONG_ARTICLE));

        assertThat(api.post("/api/assistant/labels", writer, Map.of("question", question, "locale", "en",
                "articleSlug", slug, "verdict", "right_article")).status()).isEqualTo(201);
        assertThat(writerLabels(question)).singleElement().satisfies(l -> {
            assertThat(l.verdict()).isEqualTo(AnswerLabel.Verdict.RIGHT_ARTICLE);
            assertThat(l.source()).isEqualTo(AnswerLabel.Source.WRITER_VERDICT);
            assertThat(l.articleSlug()).isEqualTo(slug);
            assertThat(l.conversationId()).isNull();
        });

        JsonNode page = api.get("/api/assistant/labels?locale=en&limit=200", writer).json();
        assertThat(page.get("limit").asInt()).isEqualTo(200);
        assertThat(page.get("labels").valueStream().map(l -> l.get("query").asString())).contains(question);
    }

    @Test
    void badVerdictsAndPagesAreRefusedWithAReasonAndCustomersCannotReadLabels() {
        String writer = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Api.Response badVerdict = api.post("/api/assistant/labels", writer,
                Map.of("question", "q", "locale", "en", "articleSlug", "resetting-your-password", "verdict", "maybe"));
        assertThat(badVerdict.status()).isEqualTo(400);
        assertThat(badVerdict.contentType()).contains("problem+json");
        assertThat(badVerdict.body()).contains("verdict");
        Api.Response unknown = api.post("/api/assistant/labels", writer,
                Map.of("question", "q", "locale", "en", "articleSlug", "no-such-article", "verdict", "right_article"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no-such-article");
        assertThat(api.post("/api/assistant/labels", writer, Map.of("question", "q", "locale", "en",
                "verdict", "right_article")).body()).contains("articleSlug");
        assertThat(api.post("/api/assistant/labels", writer, Map.of("question", "q", "locale", "en",
                "verdict", "should_hand_off")).status()).isEqualTo(201);
        assertThat(api.get("/api/assistant/labels?limit=5000", writer).status()).isEqualTo(400);

        String customer = api.session(Map.of("locale", "en")).get("token").asString();
        assertThat(api.get("/api/assistant/labels", customer).status()).isEqualTo(403);
        assertThat(api.post("/api/assistant/labels", customer, Map.of("question", "q", "locale", "en",
                "verdict", "should_hand_off")).status()).isEqualTo(403);
    }

    private List<AnswerLabel> labelsOf(String conversationId) {
        return labels.page(null, 0, AnswerLabels.MAX_PAGE).labels().stream()
                .filter(l -> UUID.fromString(conversationId).equals(l.conversationId())).toList();
    }

    private List<AnswerLabel> writerLabels(String question) {
        return labels.recent("en", 500).stream().filter(l -> question.equals(l.query())).toList();
    }

    private StompTestClient connect(String token) {
        StompTestClient ws = StompTestClient.connect(port, token);
        for (int attempt = 1; !ws.connected() && attempt < 3; attempt++) {
            // a CONNECT can time out on a machine saturated by parallel builds; a real client reconnects too
            ws.close();
            ws = StompTestClient.connect(port, token);
        }
        clients.add(ws);
        return ws;
    }

    /**
     * Waits for a frame like {@code StompTestClient.await} (the same queue: nothing is skipped between tries), for up
     * to a minute instead of five seconds: the first answers of a fresh context embed the question while the sample
     * knowledge base is still being embedded, which on a shared 2-core machine takes longer than the usual wait.
     */
    static Map<String, Object> patiently(StompTestClient ws, String destination,
            java.util.function.Predicate<Map<String, Object>> matching) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 12; attempt++) {
            try {
                return ws.await(destination, matching);
            }
            catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    /** A widget customer with one conversation, subscribed to its topic and its acknowledgements. */
    final class Customer extends WidgetCustomer {

        Customer(String locale) {
            super(api, AnswerLabelsIntegrationTests.this::connect, locale, null);
            ws.subscribe(ACKS);
        }

        /** As {@link WidgetCustomer#ask}, waiting {@linkplain #patiently patiently} for the bot. */
        @Override
        public Map<String, Object> ask(String text) {
            send(text);
            return patiently(ws, topic(), isBotMessage());
        }
    }
}
