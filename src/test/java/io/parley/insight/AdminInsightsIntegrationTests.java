package io.parley.insight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.support.AdminApiTestSupport;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the admin dashboard reads that the report alone does not give: the figures per day or week and as CSV, and
 * the webhooks' "Send test". The facts are written straight into insight's tables, in January 2020 and in a locale
 * no other test uses, so the expected figures are exact.
 */
@InsightIntegrationTest
class AdminInsightsIntegrationTests extends AdminApiTestSupport {

    static final String LOCALE = "sw";

    @Autowired
    JdbcClient jdbc;

    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        receiver = WebhookReceiver.answering204();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void theSeriesHasOneBucketPerDayOrWeekWithTheReportsFiguresAndExportsAsCsv() {
        seedJanuary2020();
        String filter = "?from=2020-01-06&to=2020-01-08&zone=UTC&locale=" + LOCALE;
        JsonNode series = api.get("/api/insights/metrics/series" + filter, admin).json();
        assertThat(series.get("bucket").asString()).isEqualTo("day");
        JsonNode points = series.get("points");
        assertThat(points.size()).isEqualTo(3);

        JsonNode monday = points.get(0);
        assertThat(monday.get("start").asString()).isEqualTo("2020-01-06");
        assertThat(monday.get("conversations").asLong()).isEqualTo(3);
        assertThat(monday.get("botInvolved").asLong()).isEqualTo(3);
        assertThat(monday.get("botResolvedConfirmed").asLong()).isEqualTo(1);
        assertThat(monday.get("botResolvedAssumed").asLong()).isEqualTo(1);
        assertThat(monday.get("botResolutionRate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(monday.get("handoffs").asLong()).isEqualTo(1);
        assertThat(monday.get("handoffRate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(monday.get("firstResponseMedianSeconds").asDouble()).isEqualTo(120.0);
        assertThat(monday.get("resolutionMedianSeconds").asDouble()).isEqualTo(1800.0);
        assertThat(monday.get("csatAverage").asDouble()).isEqualTo(4.0);
        assertThat(monday.get("npsResponses").asLong()).isZero();
        assertThat(monday.get("npsScore").isNull()).isTrue();

        JsonNode tuesday = points.get(1);
        assertThat(tuesday.get("conversations").asLong()).isEqualTo(1);
        assertThat(tuesday.get("botInvolved").asLong()).isZero();
        assertThat(tuesday.get("botResolutionRate").isNull()).isTrue();
        assertThat(tuesday.get("handoffRate").asDouble()).isEqualTo(1.0);
        assertThat(tuesday.get("firstResponseMedianSeconds").asDouble()).isEqualTo(600.0);
        assertThat(tuesday.get("resolutionMedianSeconds").isNull()).isTrue();
        assertThat(tuesday.get("csatAverage").asDouble()).isEqualTo(2.0);
        assertThat(tuesday.get("npsResponses").asLong()).isEqualTo(2);
        assertThat(tuesday.get("npsScore").asDouble()).isEqualTo(0.0);

        JsonNode wednesday = points.get(2);
        assertThat(wednesday.get("conversations").asLong()).isZero();
        assertThat(wednesday.get("handoffRate").isNull()).isTrue();

        JsonNode weeks = api.get("/api/insights/metrics/series" + filter + "&bucket=week", admin).json().get("points");
        assertThat(weeks.size()).isEqualTo(1);
        assertThat(weeks.get(0).get("start").asString()).isEqualTo("2020-01-06");
        assertThat(weeks.get(0).get("conversations").asLong()).isEqualTo(4);
        assertThat(weeks.get(0).get("handoffs").asLong()).isEqualTo(2);

        Api.Response csv = api.get("/api/insights/metrics/series.csv" + filter, admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains("parley-insights-2020-01-06-2020-01-08.csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "bucket_start,conversations,bot_involved,bot_resolved_confirmed,bot_resolved_assumed,bot_resolution_rate,"
                        + "handoffs,handoff_rate,first_response_median_seconds,resolution_median_seconds,csat_count,"
                        + "csat_average,nps_responses,nps_score",
                "2020-01-06,3,3,1,1,0.6667,1,0.3333,120,1800,1,4,0,",
                "2020-01-07,1,0,0,0,,1,1,600,,1,2,2,0",
                "2020-01-08,0,0,0,0,,0,,,,0,,0,");

        Api.Response badBucket = api.get("/api/insights/metrics/series" + filter + "&bucket=hour", admin);
        assertThat(badBucket.status()).isEqualTo(400);
        assertThat(badBucket.json().get("code").asString()).isEqualTo("invalid_bucket");
        Api.Response tooLong = api.get("/api/insights/metrics/series?from=2019-01-01&to=2020-06-30&zone=UTC", admin);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString()).contains("bucket=week");
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/insights/metrics/series.csv" + filter, customer).status()).isEqualTo(403);
    }

    @Test
    void sendTestDeliversASignedTestEventToThatEndpointOnly() {
        String url = receiver.url();
        String endpointId = api.post("/api/insights/webhooks", admin, Map.of("url", url, "eventTypes", List.of("nps.received")))
                .json().get("id").asString();
        try {
            Api.Response sent = api.post("/api/insights/webhooks/" + endpointId + "/test", admin, null);
            assertThat(sent.status()).isEqualTo(202);
            String deliveryId = sent.json().get("deliveryId").asString();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode log = api.get("/api/insights/webhooks/" + endpointId + "/deliveries", admin).json();
                assertThat(log.size()).isEqualTo(1);
                assertThat(log.get(0).get("id").asString()).isEqualTo(deliveryId);
                assertThat(log.get(0).get("eventType").asString()).isEqualTo("webhook.test");
                assertThat(log.get(0).get("status").asString()).isEqualTo("delivered");
            });
            assertThat(receiver.received).extracting(WebhookReceiver.Received::event).containsExactly("webhook.test");

            api.put("/api/insights/webhooks/" + endpointId, admin, Map.of("active", false));
            Api.Response paused = api.post("/api/insights/webhooks/" + endpointId + "/test", admin, null);
            assertThat(paused.status()).isEqualTo(409);
            assertThat(paused.json().get("code").asString()).isEqualTo("webhook_inactive");
            assertThat(api.post("/api/insights/webhooks/" + UUID.randomUUID() + "/test", admin, null).status()).isEqualTo(404);
        }
        finally {
            api.delete("/api/insights/webhooks/" + endpointId, admin);
        }
    }

    private void seedJanuary2020() {
        jdbc.sql("delete from insight_nps_response where survey_id in (select id from insight_nps_survey where locale = ?)")
                .param(LOCALE).update();
        jdbc.sql("delete from insight_nps_survey where locale = ?").param(LOCALE).update();
        for (String table : List.of("insight_message", "insight_handoff", "insight_rating", "insight_feedback")) {
            jdbc.sql("delete from " + table + " where conversation_id in (select conversation_id from insight_conversation "
                    + "where locale = ?)").param(LOCALE).update();
        }
        jdbc.sql("delete from insight_conversation where locale = ?").param(LOCALE).update();

        // Monday: confirmed by the customer, assumed (no follow-up), handed off after a bot message
        UUID confirmed = conversation("2020-01-06T09:00:00Z");
        botAnswer(confirmed, "2020-01-06T09:00:05Z");
        jdbc.sql("insert into insight_feedback values (?, 'a1', true, ?)").params(confirmed, ts("2020-01-06T09:01:00Z")).update();
        UUID assumed = conversation("2020-01-06T10:00:00Z");
        botAnswer(assumed, "2020-01-06T10:00:05Z");
        UUID handedOff = conversation("2020-01-06T11:00:00Z");
        botAnswer(handedOff, "2020-01-06T11:00:05Z");
        handoff(handedOff, "2020-01-06T11:10:00Z", 120, 1800);
        rating(handedOff, "2020-01-06T11:45:00Z", 4);
        // Tuesday: straight to a person, answered after ten minutes, not resolved; two NPS answers (10 and 3)
        UUID direct = conversation("2020-01-07T08:00:00Z");
        handoff(direct, "2020-01-07T08:00:10Z", 600, null);
        rating(direct, "2020-01-07T09:00:00Z", 2);
        nps("2020-01-07T12:00:00Z", 10);
        nps("2020-01-07T13:00:00Z", 3);
    }

    private UUID conversation(String at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into insight_conversation values (?, ?, ?, ?)").params(id, UUID.randomUUID(), LOCALE, ts(at)).update();
        return id;
    }

    private void botAnswer(UUID conversation, String at) {
        jdbc.sql("insert into insight_message values (?, ?, 1, 'bot', 'answer', 'a1', ?)")
                .params(UUID.randomUUID(), conversation, ts(at)).update();
    }

    private void handoff(UUID conversation, String at, int firstReplyAfter, Integer resolvedAfter) {
        Instant start = Instant.parse(at);
        jdbc.sql("insert into insight_handoff values (?, ?, 'customer_request', false, ?, ?)")
                .params(conversation, Timestamp.from(start), Timestamp.from(start.plusSeconds(firstReplyAfter)),
                        resolvedAfter == null ? null : Timestamp.from(start.plusSeconds(resolvedAfter)))
                .update();
    }

    private void rating(UUID conversation, String at, int score) {
        jdbc.sql("insert into insight_rating (conversation_id, at, resolved_at, customer_id, score) values (?, ?, ?, ?, ?)")
                .params(conversation, ts(at), ts(at), UUID.randomUUID(), score).update();
    }

    private void nps(String at, int score) {
        UUID survey = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        jdbc.sql("insert into insight_nps_survey values (?, ?, null, ?, 'rated', ?)").params(survey, customer, LOCALE, ts(at)).update();
        jdbc.sql("insert into insight_nps_response (id, survey_id, customer_id, score, at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), survey, customer, score, ts(at)).update();
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
