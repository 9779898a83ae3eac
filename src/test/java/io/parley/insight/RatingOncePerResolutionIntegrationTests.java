package io.parley.insight;

import java.time.Instant;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.Conversations;
import io.parley.customer.CustomerSessions;
import io.parley.handoff.ConversationRated;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 7: a customer could re-rate without limit and every rating counted in CSAT and health. A resolution
 * now has one rating: rating it again replaces the score, counted once; a later resolution has a rating of its own.
 */
@InsightIntegrationTest
class RatingOncePerResolutionIntegrationTests {

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
    JdbcClient jdbc;

    @Test
    void reRatingAResolutionReplacesItsScoreAndCountsOnce() {
        Scenario scenario = new Scenario(clock, customers, conversations, events, transactions, jdbc);
        Instant day = Instant.parse("2021-03-09T09:00:00Z");
        UUID customer = scenario.customer("Rhea-" + UUID.randomUUID(), null);
        UUID conversation = scenario.start(customer, "en", day);
        Instant resolved = day.plusSeconds(600);

        int[] scores = { 1, 1, 2, 5 };
        for (int i = 0; i < scores.length; i++) {
            scenario.publish(new ConversationRated(conversation, customer, scores[i], null, null,
                    resolved.plusSeconds(60L * (i + 1)), resolved));
        }
        clock.reset();

        JsonNode csat = report("2021-03-09").get("csat");
        assertThat(csat.get("count").asLong()).isEqualTo(1);
        assertThat(csat.get("average").asDouble()).isEqualTo(5.0);
        assertThat(jdbc.sql("select count(*) from insight_rating where conversation_id = ?").param(conversation)
                .query(Long.class).single()).isEqualTo(1);

        // the conversation reopened and was resolved again: that resolution is rated on its own
        scenario.publish(new ConversationRated(conversation, customer, 3, null, null, resolved.plusSeconds(3600),
                resolved.plusSeconds(3000)));
        clock.reset();
        assertThat(report("2021-03-09").get("csat").get("count").asLong()).isEqualTo(2);
    }

    private JsonNode report(String date) {
        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        return api.get("/api/insights/metrics?from=" + date + "&to=" + date, admin).json();
    }
}
