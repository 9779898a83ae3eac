package io.parley.insight;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.handoff.ConversationRated;
import io.parley.support.Api;
import io.parley.support.ChatEvents;
import io.parley.support.EventPublications;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NPS end to end: a resolution offers the survey as a message on the conversation topic (STOMP), the customer
 * answers over REST, the team sees the result and the detractors. Scripted on 1 July 2021 (application clock).
 */
@InsightIntegrationTest
class NpsSurveyIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        // tokens issued now stay valid while the clock is set into the past
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void surveyAnsweredOverRestReachesResultsAndFollowUp() {
        Customer detractor = customer("Dora", "tr");
        Customer promoter = customer("Pia", "tr");
        Customer passive = customer("Pat", "tr");
        try (StompTestClient stomp = StompTestClient.connect(port, detractor.token())) {
            String topic = "/topic/conversations/" + detractor.conversation();
            stomp.subscribeToConversation(detractor.conversation().toString());
            clock.set(Instant.parse("2021-07-01T10:00:00Z"));
            resolve(detractor, "2021-07-01T10:00:00Z");

            Map<String, Object> offered = stomp.await(topic, e -> "message".equals(e.get("type"))
                    && ChatEvents.payload(e) != null && "nps".equals(ChatEvents.payload(e).get("kind")));
            assertThat(((Map<?, ?>) ChatEvents.message(offered).get("author")).get("type")).isEqualTo("system");
            assertThat(ChatEvents.text(offered)).contains("0–10");
            String surveyId = (String) ChatEvents.payload(offered).get("surveyId");
            assertThat(api.get("/api/widget/nps/" + surveyId, detractor.token()).json().get("answered").asBoolean()).isFalse();

            // bad answers are refused and change nothing
            assertThat(code(api.post("/api/widget/nps/" + surveyId, detractor.token(), Map.of("score", 11))))
                    .isEqualTo("nps_score_invalid");
            assertThat(code(api.post("/api/widget/nps/" + surveyId, detractor.token(), Map.of("comment", "no score"))))
                    .isEqualTo("nps_score_invalid");
            assertThat(code(api.post("/api/widget/nps/" + surveyId, promoter.token(), Map.of("score", 10))))
                    .isEqualTo("nps_survey_not_found");
            assertThat(api.post("/api/widget/nps/" + surveyId, admin, Map.of("score", 10)).status()).isEqualTo(403);

            Api.Response answered = api.post("/api/widget/nps/" + surveyId, detractor.token(),
                    Map.of("score", 3, "comment", "Took far too long"));
            assertThat(answered.status()).isEqualTo(201);
            assertThat(answered.json().get("category").asString()).isEqualTo("detractor");
            Map<String, Object> thanks = stomp.await(topic, e -> "message".equals(e.get("type"))
                    && ChatEvents.payload(e) != null && "nps_answered".equals(ChatEvents.payload(e).get("kind")));
            assertThat(ChatEvents.payload(thanks).get("surveyId")).isEqualTo(surveyId);
            assertThat(code(api.post("/api/widget/nps/" + surveyId, detractor.token(), Map.of("score", 9))))
                    .isEqualTo("nps_already_answered");
            JsonNode view = api.get("/api/widget/nps/" + surveyId, detractor.token()).json();
            assertThat(view.get("answered").asBoolean()).isTrue();
            assertThat(view.get("score").asInt()).isEqualTo(3);

            // a second resolution within min-interval (30 days here) offers no second survey
            clock.set(Instant.parse("2021-07-20T10:00:00Z"));
            UUID secondRating = resolve(detractor, "2021-07-20T10:00:00Z");
            // the survey listener has handled the second rating: anything it offered would be stored by now
            EventPublications.awaitHandled(jdbc, "nps.NpsSurveys", secondRating);
            JsonNode stored = api.get("/api/widget/conversations/" + detractor.conversation() + "/messages",
                    detractor.token()).json().get("messages");
            long surveys = 0;
            for (JsonNode message : stored) {
                JsonNode kind = message.path("payload").path("kind");
                surveys += "nps".equals(kind.isMissingNode() ? null : kind.asString()) ? 1 : 0;
            }
            assertThat(surveys).as("surveys stored in the conversation").isEqualTo(1);
            assertThat(stomp.history(topic).stream()
                    .filter(e -> "message".equals(e.get("type")) && ChatEvents.payload(e) != null && "nps".equals(ChatEvents.payload(e).get("kind"))))
                    .hasSize(1);
        }
        clock.set(Instant.parse("2021-07-01T11:00:00Z"));
        resolve(promoter, "2021-07-01T11:00:00Z");
        resolve(passive, "2021-07-01T11:00:00Z");
        answer(promoter, 10);
        answer(passive, 7);
        clock.reset();

        JsonNode summary = api.get("/api/insights/nps?from=2021-07-01&to=2021-07-01&locale=tr", admin).json();
        assertThat(summary.get("surveysSent").asLong()).isEqualTo(3);
        assertThat(summary.get("responses").asLong()).isEqualTo(3);
        assertThat(summary.get("responseRate").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("promoters").asLong()).isEqualTo(1);
        assertThat(summary.get("passives").asLong()).isEqualTo(1);
        assertThat(summary.get("detractors").asLong()).isEqualTo(1);
        assertThat(summary.get("score").asDouble()).isEqualTo(0.0);

        JsonNode open = api.get("/api/insights/nps/detractors?from=2021-07-01&to=2021-07-01&locale=tr&followedUp=false", admin).json();
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.get(0).get("customerName").asString()).isEqualTo("Dora");
        assertThat(open.get(0).get("comment").asString()).isEqualTo("Took far too long");
        assertThat(open.get(0).get("score").asInt()).isEqualTo(3);
        assertThat(open.get(0).get("conversationId").asString()).isEqualTo(detractor.conversation().toString());
        String responseId = open.get(0).get("responseId").asString();
        assertThat(api.post("/api/insights/nps/responses/" + responseId + "/follow-up", admin,
                Map.of("note", "Called her, refunded")).status()).isEqualTo(204);
        assertThat(api.get("/api/insights/nps/detractors?from=2021-07-01&to=2021-07-01&locale=tr&followedUp=false", admin)
                .json().size()).isZero();
        JsonNode handled = api.get("/api/insights/nps/detractors?from=2021-07-01&to=2021-07-01&locale=tr&followedUp=true", admin).json();
        assertThat(handled.get(0).get("followUpNote").asString()).isEqualTo("Called her, refunded");
        assertThat(handled.get(0).get("followedUpBy").asString()).isNotBlank();
        assertThat(api.get("/api/insights/nps", null).status()).isEqualTo(401);
        assertThat(api.get("/api/insights/nps", promoter.token()).status()).isEqualTo(403);
    }

    record Customer(String token, UUID id, UUID conversation) {
    }

    private Customer customer(String name, String locale) {
        JsonNode session = api.session(Map.of("name", name, "locale", locale));
        String token = session.get("token").asString();
        JsonNode conversation = api.startConversation(token, null);
        return new Customer(token, UUID.fromString(session.get("customer").get("id").asString()),
                UUID.fromString(conversation.get("id").asString()));
    }

    /** Returns the rating's agent id, unique to this event (to find its publication). */
    private UUID resolve(Customer customer, String at) {
        // resolved by an agent and rated: the default touchpoint ("rated") offers the survey after the rating
        UUID agent = UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.publishEvent(new ConversationRated(customer.conversation(),
                customer.id(), 5, null, agent, Instant.parse(at))));
        return agent;
    }

    private void answer(Customer customer, int score) {
        JsonNode messages = api.get("/api/widget/conversations/" + customer.conversation() + "/messages", customer.token())
                .json().get("messages");
        String surveyId = null;
        for (JsonNode message : messages) {
            if (message.get("payload") != null && message.get("payload").has("surveyId")) {
                surveyId = message.get("payload").get("surveyId").asString();
            }
        }
        assertThat(api.post("/api/widget/nps/" + surveyId, customer.token(), Map.of("score", score)).status()).isEqualTo(201);
    }

    private static String code(Api.Response response) {
        return response.json().get("code").asString();
    }

}
