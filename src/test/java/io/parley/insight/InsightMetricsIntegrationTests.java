package io.parley.insight;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.ChatMessage;
import io.parley.chat.ConversationStarted;
import io.parley.chat.Conversations;
import io.parley.chat.MessagePosted;
import io.parley.customer.CustomerSessions;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A scripted day (14 June 2021, far from every other test's data): bot resolutions, handoffs with reasons, agent
 * replies and resolutions at known times, ratings; every figure of the report is checked, and repeated events
 * must not count twice.
 */
@InsightIntegrationTest
class InsightMetricsIntegrationTests {


    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    CustomerSessions customers;
    @Autowired
    Conversations conversations;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(clock, customers, conversations, events, transactions, jdbc);
    }

    static Instant at(String time) {
        return Instant.parse("2021-06-14T" + time + "Z");
    }

    @Test
    void everyFigureOfAScriptedDay() {
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Map<String, Double> countersBefore = counters(admin);
        UUID agent = UUID.randomUUID();
        UUID ada = scenario.customer("Ada", null);
        UUID bo = scenario.customer("Bo", null);

        // started the evening before: outside the period, whatever happens to it on the day
        UUID before = scenario.start(ada, "en", Instant.parse("2021-06-13T23:59:00Z"));
        scenario.customerSays(before, at("00:00:30"));
        scenario.handOff(before, "billing_dispute", at("00:01:00"));

        // c1: answered, the customer said yes (confirmed bot resolution)
        UUID c1 = scenario.start(ada, "en", at("09:00:00"));
        scenario.customerSays(c1, at("09:00:10"));
        scenario.botSays(c1, at("09:00:12"), "answer", "a1");
        scenario.customerSays(c1, at("09:01:00"));
        // the customer's "yes" is a bot resolution: the handoff module publishes ConversationResolved(byBot) for it
        scenario.feedback(c1, "a1", true, at("09:01:00"));
        scenario.botSays(c1, at("09:01:01"), "resolved", null);
        // c2: answered, the customer left (assumed bot resolution)
        UUID c2 = scenario.start(bo, "en", at("09:05:00"));
        scenario.customerSays(c2, at("09:05:05"));
        scenario.botSays(c2, at("09:05:06"), "answer", "a2");
        // c3: answered, "no", handed off for negative feedback; agent replies after 2 min, resolves after 30 min
        UUID c3 = scenario.start(ada, "en", at("10:00:00"));
        scenario.customerSays(c3, at("10:00:05"));
        scenario.botSays(c3, at("10:00:06"), "answer", "a1");
        ChatMessage no = scenario.customerSays(c3, at("10:02:00"));
        scenario.feedback(c3, "a1", false, at("10:02:00"));
        scenario.botSays(c3, at("10:02:01"), "handoff", null);
        scenario.handOff(c3, "negative_feedback", at("10:03:00"));
        scenario.agentSays(c3, agent, at("10:05:00"));
        scenario.agentSays(c3, agent, at("10:06:00"));
        scenario.resolve(c3, agent, at("10:33:00"));
        scenario.rate(c3, 4, agent, at("10:34:00"));
        // c4: the bot did not know; missing knowledge; reply after 10 min, resolved after 1 h; rated 2
        UUID c4 = scenario.start(bo, "en", at("10:10:00"));
        scenario.customerSays(c4, at("10:10:05"));
        scenario.botSays(c4, at("10:10:06"), "dont_know", null);
        scenario.handOff(c4, "missing_knowledge", at("10:11:00"));
        scenario.agentSays(c4, agent, at("10:21:00"));
        scenario.resolve(c4, agent, at("11:11:00"));
        scenario.rate(c4, 2, agent, at("11:12:00"));
        // c5: asked for a person at once; reply after 1 min, resolved after 20 min; rated 5
        UUID c5 = scenario.start(ada, "en", at("11:00:00"));
        scenario.customerSays(c5, at("11:00:05"));
        scenario.botSays(c5, at("11:00:06"), "handoff", null);
        scenario.handOff(c5, "customer_request", at("11:00:06"));
        scenario.agentSays(c5, agent, at("11:01:06"));
        scenario.resolve(c5, agent, at("11:21:06"));
        scenario.rate(c5, 5, agent, at("11:25:00"));
        // c6: answered, but the customer asked more and got a clarifying question: neither resolution kind
        UUID c6 = scenario.start(bo, "en", at("11:30:00"));
        scenario.customerSays(c6, at("11:30:05"));
        scenario.botSays(c6, at("11:30:06"), "answer", "a3");
        scenario.customerSays(c6, at("11:31:00"));
        scenario.botSays(c6, at("11:31:01"), "clarify", null);
        // c7: opened and left without a word: no bot involvement
        scenario.start(ada, "en", at("12:00:00"));
        // c8 (de): confirmed bot resolution, rated 5
        UUID c8 = scenario.start(bo, "de", at("12:30:00"));
        scenario.customerSays(c8, at("12:30:05"));
        scenario.botSays(c8, at("12:30:06"), "answer", "a4");
        scenario.feedback(c8, "a4", true, at("12:31:00"));
        scenario.rate(c8, 5, null, at("12:32:00"));
        // c9 (de): asked for a person; reply after 20 min; still open
        UUID c9 = scenario.start(ada, "de-AT", at("13:00:00"));
        scenario.customerSays(c9, at("13:00:05"));
        scenario.botSays(c9, at("13:00:06"), "handoff", null);
        scenario.handOff(c9, "customer_request", at("13:00:10"));
        scenario.agentSays(c9, agent, at("13:20:10"));

        // the same events again (a redelivery): nothing may count twice
        scenario.publish(new ConversationHandedOff(c3, ada, "en", "negative_feedback", "q", false, at("10:03:00")));
        scenario.publish(new ConversationRated(c4, bo, 2, null, agent, at("11:12:00")));
        scenario.publish(new MessagePosted(c3, ada, no));
        scenario.publish(new ConversationStarted(c2, bo, "en"));
        scenario.feedback(c3, "a1", false, at("10:02:30"));

        JsonNode all = api.get("/api/insights/metrics?from=2021-06-14&to=2021-06-14", admin).json();
        assertThat(all.get("from").asString()).isEqualTo("2021-06-14T00:00:00Z");
        assertThat(all.get("to").asString()).isEqualTo("2021-06-15T00:00:00Z");
        assertThat(all.get("conversations").get("started").asLong()).isEqualTo(9);
        assertThat(all.get("conversations").get("botInvolved").asLong()).isEqualTo(8);
        assertThat(all.get("conversations").get("botInvolvementRate").asDouble()).isEqualTo(8.0 / 9);
        assertThat(all.get("botResolution").get("confirmed").asLong()).isEqualTo(2);
        assertThat(all.get("botResolution").get("assumed").asLong()).isEqualTo(1);
        assertThat(all.get("botResolution").get("total").asLong()).isEqualTo(3);
        assertThat(all.get("botResolution").get("rate").asDouble()).isEqualTo(3.0 / 8);
        assertThat(all.get("automation").get("automated").asLong()).isEqualTo(3);
        assertThat(all.get("automation").get("rate").asDouble()).isEqualTo(3.0 / 9);
        assertThat(all.get("automation").get("contained").asLong()).isEqualTo(4);
        assertThat(all.get("automation").get("containmentRate").asDouble()).isEqualTo(4.0 / 9);
        JsonNode handoffs = all.get("handoffs");
        assertThat(handoffs.get("conversations").asLong()).isEqualTo(4);
        assertThat(handoffs.get("total").asLong()).isEqualTo(4);
        assertThat(handoffs.get("rate").asDouble()).isEqualTo(4.0 / 9);
        assertThat(reasons(handoffs)).isEqualTo(Map.of("customer_request", 2L, "missing_knowledge", 1L,
                "negative_feedback", 1L));
        assertThat(handoffs.get("byReason").get(0).get("reason").asString()).isEqualTo("customer_request");
        assertThat(handoffs.get("byReason").get(0).get("rate").asDouble()).isEqualTo(2.0 / 9);
        // first replies after 120, 600, 60 and 1200 s: percentile_cont → median 360, p90 600 + 0.7 × 600
        assertDurations(all.get("firstResponse"), 4, 360, 1020);
        // resolutions after 1800, 3600 and 1200 s: median 1800, p90 1800 + 0.8 × 1800
        assertDurations(all.get("resolution"), 3, 1800, 3240);
        assertThat(all.get("csat").get("count").asLong()).isEqualTo(4);
        assertThat(all.get("csat").get("average").asDouble()).isEqualTo(4.0);
        assertThat(distribution(all.get("csat"))).isEqualTo(Map.of("1", 0L, "2", 1L, "3", 0L, "4", 1L, "5", 2L));
        assertThat(all.get("answerFeedback").get("helpful").asLong()).isEqualTo(2);
        assertThat(all.get("answerFeedback").get("unhelpful").asLong()).isEqualTo(1);
        assertThat(hours(all, "conversations")).isEqualTo(Map.of(9, 2L, 10, 2L, 11, 2L, 12, 2L, 13, 1L));
        assertThat(hours(all, "customerMessages")).isEqualTo(Map.of(9, 3L, 10, 3L, 11, 3L, 12, 1L, 13, 1L));
        assertThat(all.get("busiestHours").size()).isEqualTo(24);

        // German only (de and de-AT), hours in Berlin (UTC+2 in June)
        JsonNode de = api.get("/api/insights/metrics?from=2021-06-14T00:00:00Z&to=2021-06-15T00:00:00Z&locale=de&zone=Europe/Berlin", admin).json();
        assertThat(de.get("locale").asString()).isEqualTo("de");
        assertThat(de.get("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(de.get("conversations").get("started").asLong()).isEqualTo(2);
        assertThat(de.get("conversations").get("botInvolved").asLong()).isEqualTo(2);
        assertThat(de.get("botResolution").get("confirmed").asLong()).isEqualTo(1);
        assertThat(de.get("botResolution").get("assumed").asLong()).isZero();
        assertThat(de.get("botResolution").get("rate").asDouble()).isEqualTo(0.5);
        assertThat(de.get("automation").get("rate").asDouble()).isEqualTo(0.5);
        assertThat(de.get("handoffs").get("rate").asDouble()).isEqualTo(0.5);
        assertThat(reasons(de.get("handoffs"))).isEqualTo(Map.of("customer_request", 1L));
        assertDurations(de.get("firstResponse"), 1, 1200, 1200);
        assertThat(de.get("resolution").get("count").asLong()).isZero();
        assertThat(de.get("resolution").get("medianSeconds").isNull()).isTrue();
        assertThat(de.get("csat").get("count").asLong()).isEqualTo(1);
        assertThat(de.get("csat").get("average").asDouble()).isEqualTo(5.0);
        assertThat(de.get("answerFeedback").get("helpful").asLong()).isEqualTo(1);
        assertThat(de.get("answerFeedback").get("unhelpful").asLong()).isZero();
        assertThat(hours(de, "conversations")).isEqualTo(Map.of(14, 1L, 15, 1L));

        // an empty period has zero counts and no rates
        JsonNode empty = api.get("/api/insights/metrics?from=2021-06-16&to=2021-06-16", admin).json();
        assertThat(empty.get("conversations").get("started").asLong()).isZero();
        assertThat(empty.get("botResolution").get("rate").isNull()).isTrue();
        assertThat(empty.get("csat").get("average").isNull()).isTrue();

        // Prometheus counters moved by exactly what was recorded (the repeats did not count)
        Map<String, Double> after = counters(admin);
        assertThat(delta(countersBefore, after, "parley_insight_conversations_started_total")).isEqualTo(10);
        assertThat(delta(countersBefore, after, "parley_insight_handoffs_total{reason=\"customer_request\"}")).isEqualTo(2);
        assertThat(delta(countersBefore, after, "parley_insight_handoffs_total{reason=\"negative_feedback\"}")).isEqualTo(1);
        assertThat(delta(countersBefore, after, "parley_insight_csat_ratings_total{score=\"2\"}")).isEqualTo(1);
        assertThat(delta(countersBefore, after, "parley_insight_answer_feedback_total{helpful=\"false\"}")).isEqualTo(1);
        assertThat(delta(countersBefore, after, "parley_insight_resolutions_total{by=\"bot\"}")).isEqualTo(2);
        assertThat(after).containsKey("parley_insight_window_bot_resolution_rate");
    }

    @Test
    void aBotAnswerCountsAsAssumedResolutionOnlyOnceTheWaitIsOver() {
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        UUID customer = scenario.customer("Sven", null);
        Instant now = Instant.now();
        // answered 40 and 10 minutes ago (assumed-resolution-after is 30 minutes); "sv" keeps them apart
        UUID old = scenario.start(customer, "sv", now.minusSeconds(2410));
        scenario.customerSays(old, now.minusSeconds(2405));
        scenario.botSays(old, now.minusSeconds(2400), "answer", "a-sv");
        UUID recent = scenario.start(customer, "sv", now.minusSeconds(610));
        scenario.customerSays(recent, now.minusSeconds(605));
        scenario.botSays(recent, now.minusSeconds(600), "answer", "a-sv");

        JsonNode report = api.get("/api/insights/metrics?locale=sv&from=" + now.minusSeconds(3600) + "&to="
                + now.plusSeconds(60), admin).json();
        assertThat(report.get("conversations").get("started").asLong()).isEqualTo(2);
        assertThat(report.get("botResolution").get("assumed").asLong()).isEqualTo(1);
        assertThat(report.get("botResolution").get("confirmed").asLong()).isZero();
        assertThat(report.get("automation").get("contained").asLong()).isEqualTo(2);
    }

    @Test
    void aFactThatCannotBeRecordedNeverUndoesTheChange() {
        UUID customer = scenario.customer("Vera", null);
        UUID conversation = scenario.start(customer, "en", Instant.parse("2021-06-20T10:00:00Z"));
        // a rating outside 1–5 breaks insight's check constraint inside the same transaction as a chat message
        transactions.executeWithoutResult(status -> {
            conversations.post(new io.parley.chat.PostMessage(conversation, io.parley.chat.Author.customer(
                    customer.toString(), "Vera"), "still stored", null, "c-robust"));
            events.publishEvent(new ConversationRated(conversation, customer, 9, null, null, Instant.now()));
        });
        // (the rating is also the NPS touchpoint, so the survey question may follow the stored message)
        assertThat(conversations.messagesAfter(conversation, 0, 10)).extracting(ChatMessage::text)
                .first().isEqualTo("still stored");
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        JsonNode report = api.get("/api/insights/metrics?from=2021-06-20&to=2021-06-20", admin).json();
        assertThat(report.get("conversations").get("started").asLong()).isEqualTo(1);
        assertThat(report.get("csat").get("count").asLong()).isZero();
    }

    @Test
    void staffOnlyAndBadParametersAreRefused() {
        assertThat(api.get("/api/insights/metrics", null).status()).isEqualTo(401);
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/insights/metrics", customer).status()).isEqualTo(403);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Api.Response reversed = api.get("/api/insights/metrics?from=2021-06-15&to=2021-06-14", admin);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("code").asString()).isEqualTo("invalid_period");
        assertThat(api.get("/api/insights/metrics?from=yesterday", admin).json().get("code").asString())
                .isEqualTo("invalid_period");
        assertThat(api.get("/api/insights/metrics?zone=Mars/Base", admin).json().get("code").asString())
                .isEqualTo("invalid_zone");
        assertThat(api.get("/api/insights/metrics?locale=x!", admin).json().get("code").asString())
                .isEqualTo("invalid_locale");
        // Prometheus: admins only on the application port
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", customer).status()).isEqualTo(403);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private Map<String, Double> counters(String admin) {
        Api.Response response = api.get("/actuator/prometheus", admin);
        assertThat(response.status()).isEqualTo(200);
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("parley_insight_")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    private static Map<String, Long> reasons(JsonNode handoffs) {
        Map<String, Long> reasons = new HashMap<>();
        handoffs.get("byReason").forEach(r -> reasons.put(r.get("reason").asString(), r.get("count").asLong()));
        return reasons;
    }

    private static Map<String, Long> distribution(JsonNode csat) {
        Map<String, Long> result = new HashMap<>();
        csat.get("distribution").properties().forEach(e -> result.put(e.getKey(), e.getValue().asLong()));
        return result;
    }

    private static Map<Integer, Long> hours(JsonNode report, String field) {
        Map<Integer, Long> result = new HashMap<>();
        report.get("busiestHours").forEach(h -> {
            if (h.get(field).asLong() > 0) {
                result.put(h.get("hour").asInt(), h.get(field).asLong());
            }
        });
        return result;
    }

    private static void assertDurations(JsonNode durations, long count, double median, double p90) {
        assertThat(durations.get("count").asLong()).isEqualTo(count);
        assertThat(durations.get("medianSeconds").asDouble()).isCloseTo(median, within(1e-6));
        assertThat(durations.get("p90Seconds").asDouble()).isCloseTo(p90, within(1e-6));
    }

}
