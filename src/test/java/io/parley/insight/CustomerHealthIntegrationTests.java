package io.parley.insight;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.Conversations;
import io.parley.customer.CustomerSessions;
import io.parley.customer.WidgetSession;
import io.parley.support.Api;
import io.parley.ticket.TicketStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer and account health on a scripted day (2 August 2021): every signal of a struggling customer, the
 * at-risk order, and the per-account view. Default weights: handoff 1, unresolved ticket 2, low CSAT 3, NPS
 * detractor 4, negative feedback 1, repeated contact 2; threshold 3.
 */
@InsightIntegrationTest
class CustomerHealthIntegrationTests {

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

    static Instant at(String time) {
        return Instant.parse("2021-08-02T" + time + "Z");
    }

    @Test
    void signalsScoresAndAccounts() {
        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        Scenario scenario = new Scenario(clock, customers, conversations, events, transactions, jdbc);
        String acme = "Acme " + UUID.randomUUID();
        String globex = "Globex " + UUID.randomUUID();
        UUID agent = UUID.randomUUID();

        // Rita (Acme) struggles: three contacts about the same article, two handoffs, one ticket still open,
        // a 1-star rating, an unhelpful answer and an NPS of 4
        WidgetSession ritaSession = scenario.session("Rita", acme);
        UUID rita = UUID.fromString(ritaSession.customer().id());
        UUID r1 = scenario.start(rita, "en", at("09:00:00"));
        scenario.customerSays(r1, at("09:00:05"));
        scenario.botSays(r1, at("09:00:06"), "answer", "a-billing");
        scenario.feedback(r1, "a-billing", false, at("09:01:00"));
        scenario.handOff(r1, "negative_feedback", at("09:01:01"));
        UUID openTicket = UUID.randomUUID();
        scenario.ticket(openTicket, r1, "negative_feedback", at("09:01:01"));
        scenario.agentSays(r1, agent, at("09:05:00"));
        UUID r2 = scenario.start(rita, "en", at("11:00:00"));
        scenario.customerSays(r2, at("11:00:05"));
        scenario.botSays(r2, at("11:00:06"), "answer", "a-billing");
        scenario.handOff(r2, "missing_knowledge", at("11:02:00"));
        UUID solvedTicket = UUID.randomUUID();
        scenario.ticket(solvedTicket, r2, "missing_knowledge", at("11:02:00"));
        scenario.ticketStatus(solvedTicket, r2, TicketStatus.OPEN, TicketStatus.SOLVED, at("11:30:00"));
        UUID r3 = scenario.start(rita, "en", at("15:00:00"));
        scenario.customerSays(r3, at("15:00:05"));
        scenario.botSays(r3, at("15:00:06"), "answer", "a-billing");
        scenario.resolve(r1, agent, at("16:00:00"));
        scenario.rate(r1, 1, agent, at("16:01:00"));
        scenario.atTime(at("16:02:00"), () -> answerNps(api, ritaSession.token(), r1, 4));

        // Milo (Acme) asked for a person once and was happy: score 1, not at risk
        UUID milo = scenario.customer("Milo", acme);
        UUID m1 = scenario.start(milo, "en", at("10:00:00"));
        scenario.customerSays(m1, at("10:00:05"));
        scenario.handOff(m1, "customer_request", at("10:00:06"));
        UUID miloTicket = UUID.randomUUID();
        scenario.ticket(miloTicket, m1, "customer_request", at("10:00:06"));
        scenario.resolve(m1, agent, at("10:20:00"));
        scenario.ticketStatus(miloTicket, m1, TicketStatus.OPEN, TicketStatus.SOLVED, at("10:20:00"));
        scenario.rate(m1, 5, agent, at("10:21:00"));

        // Gus (Globex) is fine: the bot solved it, 5 stars, NPS 10
        WidgetSession gusSession = scenario.session("Gus", globex);
        UUID gus = UUID.fromString(gusSession.customer().id());
        UUID g1 = scenario.start(gus, "en", at("12:00:00"));
        scenario.customerSays(g1, at("12:00:05"));
        scenario.botSays(g1, at("12:00:06"), "answer", "a-export");
        scenario.feedback(g1, "a-export", true, at("12:01:00")); // a bot resolution, published by the handoff module
        scenario.rate(g1, 5, null, at("12:02:00"));
        scenario.atTime(at("12:03:00"), () -> answerNps(api, gusSession.token(), g1, 10));

        // Noa (no account) came back about the same article and found it unhelpful once: 2 + 1 = 3, at risk
        UUID noa = scenario.customer("Noa", null);
        UUID n1 = scenario.start(noa, "de", at("13:00:00"));
        scenario.customerSays(n1, at("13:00:05"));
        scenario.botSays(n1, at("13:00:06"), "answer", "a-sso");
        UUID n2 = scenario.start(noa, "de", at("14:00:00"));
        scenario.customerSays(n2, at("14:00:05"));
        scenario.botSays(n2, at("14:00:06"), "answer", "a-sso");
        scenario.feedback(n2, "a-sso", false, at("14:01:00"));

        String day = "from=2021-08-02&to=2021-08-02";
        JsonNode ritaHealth = api.get("/api/insights/customers/" + rita + "/health?" + day, admin).json();
        assertThat(ritaHealth.get("name").asString()).isEqualTo("Rita");
        assertThat(ritaHealth.get("company").asString()).isEqualTo(acme);
        assertThat(ritaHealth.get("conversations").asLong()).isEqualTo(3);
        assertThat(ritaHealth.get("tickets").asLong()).isEqualTo(2);
        assertThat(ritaHealth.get("handoffs").asLong()).isEqualTo(2);
        assertThat(ritaHealth.get("unresolvedTickets").asLong()).isEqualTo(1);
        assertThat(ritaHealth.get("csat").get("count").asLong()).isEqualTo(1);
        assertThat(ritaHealth.get("csat").get("average").asDouble()).isEqualTo(1.0);
        assertThat(ritaHealth.get("csat").get("low").asLong()).isEqualTo(1);
        assertThat(ritaHealth.get("nps").get("score").asInt()).isEqualTo(4);
        assertThat(ritaHealth.get("nps").get("category").asString()).isEqualTo("detractor");
        assertThat(ritaHealth.get("negativeFeedback").asLong()).isEqualTo(1);
        assertThat(ritaHealth.get("repeatedContacts").asLong()).isEqualTo(2);
        assertThat(ritaHealth.get("repeatedTopics").get(0).asString()).isEqualTo("article:a-billing");
        assertThat(breakdown(ritaHealth)).isEqualTo(Map.of("conversations", 0.0, "handoffs", 2.0,
                "unresolvedTickets", 2.0, "lowCsat", 3.0, "npsDetractor", 4.0, "negativeFeedback", 1.0,
                "repeatedContacts", 4.0));
        assertThat(ritaHealth.get("riskScore").asDouble()).isEqualTo(16.0);
        assertThat(ritaHealth.get("atRisk").asBoolean()).isTrue();

        JsonNode gusHealth = api.get("/api/insights/customers/" + gus + "/health?" + day, admin).json();
        assertThat(gusHealth.get("riskScore").asDouble()).isZero();
        assertThat(gusHealth.get("nps").get("category").asString()).isEqualTo("promoter");
        assertThat(gusHealth.get("atRisk").asBoolean()).isFalse();

        JsonNode atRisk = api.get("/api/insights/customers/at-risk?" + day, admin).json();
        // only this scenario's customers: work of other tests still in flight may land on the day the clock shows
        List<String> ours = List.of(rita.toString(), milo.toString(), gus.toString(), noa.toString());
        assertThat(ids(atRisk)).as(atRisk.toString()).filteredOn(ours::contains)
                .containsExactly(rita.toString(), noa.toString());
        JsonNode noaRisk = api.get("/api/insights/customers/" + noa + "/health?" + day, admin).json();
        assertThat(noaRisk.get("riskScore").asDouble()).isEqualTo(3.0);
        assertThat(noaRisk.get("repeatedContacts").asLong()).isEqualTo(1);
        List<String> top = ids(api.get("/api/insights/customers/at-risk?limit=1&" + day, admin).json());
        assertThat(top).hasSize(1).containsExactly(ids(atRisk).get(0));

        JsonNode account = api.get("/api/insights/accounts/" + acme.replace(" ", "%20") + "/health?" + day, admin).json();
        assertThat(account.get("customers").asLong()).isEqualTo(2);
        assertThat(account.get("conversations").asLong()).isEqualTo(4);
        assertThat(account.get("tickets").asLong()).isEqualTo(3); // every handoff opens one (Milo's too)
        assertThat(account.get("handoffs").asLong()).isEqualTo(3);
        assertThat(account.get("unresolvedTickets").asLong()).isEqualTo(1);
        assertThat(account.get("csat").get("count").asLong()).isEqualTo(2);
        assertThat(account.get("csat").get("average").asDouble()).isEqualTo(3.0);
        assertThat(account.get("npsDetractors").asLong()).isEqualTo(1);
        assertThat(account.get("riskScore").asDouble()).isEqualTo(17.0);
        assertThat(account.get("atRisk").asBoolean()).isTrue();
        JsonNode accountsAtRisk = api.get("/api/insights/accounts/at-risk?" + day, admin).json();
        List<String> accounts = new java.util.ArrayList<>();
        accountsAtRisk.forEach(a -> accounts.add(a.get("account").asString()));
        assertThat(accounts).contains(acme).doesNotContain(globex);

        // the next day only the ticket that is still open counts
        JsonNode nextDay = api.get("/api/insights/customers/" + rita + "/health?from=2021-08-03&to=2021-08-03", admin).json();
        assertThat(nextDay.get("conversations").asLong()).isZero();
        assertThat(nextDay.get("unresolvedTickets").asLong()).isEqualTo(1);
        assertThat(nextDay.get("riskScore").asDouble()).isEqualTo(2.0);
        assertThat(nextDay.get("atRisk").asBoolean()).isFalse();
        assertThat(api.get("/api/insights/customers/" + gus + "/health?from=2021-08-03&to=2021-08-03", admin).status())
                .isEqualTo(404);
        assertThat(api.get("/api/insights/customers/at-risk", ritaSession.token()).status()).isEqualTo(403);
    }

    private static void answerNps(Api api, String token, UUID conversation, int score) {
        JsonNode messages = api.get("/api/widget/conversations/" + conversation + "/messages", token).json().get("messages");
        String surveyId = null;
        for (JsonNode message : messages) {
            JsonNode payload = message.get("payload");
            if (payload != null && payload.has("kind") && "nps".equals(payload.get("kind").asString())) {
                surveyId = payload.get("surveyId").asString();
            }
        }
        assertThat(surveyId).as("survey offered in " + conversation).isNotNull();
        assertThat(api.post("/api/widget/nps/" + surveyId, token, Map.of("score", score)).status()).isEqualTo(201);
    }

    private static Map<String, Double> breakdown(JsonNode health) {
        Map<String, Double> result = new HashMap<>();
        health.get("scoreBreakdown").properties().forEach(e -> result.put(e.getKey(), e.getValue().asDouble()));
        return result;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(h -> ids.add(h.get("customerId").asString()));
        return ids;
    }
}
