package io.parley.handoff;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Agents.Agent;
import io.parley.support.Api;
import io.parley.support.StompTestClient;

import static io.parley.support.ChatEvents.message;
import static io.parley.support.ChatEvents.payload;
import static io.parley.support.ChatEvents.text;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handoff end to end over real STOMP connections (customer and agents) against the real PostgreSQL: the bot
 * hands off, a ticket is opened with a summary, an agent claims, both sides chat live, the agent resolves, and the
 * customer rates.
 */
@ParleyIntegrationTest
class HandoffFlowIntegrationTests extends HandoffTestSupport {

    Customer customer;

    @Test
    void botCannotAnswerAgentClaimsChatsLiveResolvesAndTheCustomerRates() {
        Agent dana = agents.create("Dana");
        StompTestClient danaWs = connectAgent(dana);
        customer = new Customer("en");

        Map<String, Object> dontKnow = customer.ask("Do you have an on-premise version I can install on my own servers?");
        assertThat(payload(dontKnow)).containsEntry("kind", "dont_know");
        customer.send("Talk to a person");
        Map<String, Object> queueNotice = customer.awaitSystem("queue");
        assertThat(text(queueNotice)).contains("number 1 in the queue").contains("a few minutes");
        assertThat(payload(queueNotice)).containsEntry("position", 1);

        Map<String, Object> queued = danaWs.await(INBOX, e -> "queued".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));
        Map<String, Object> item = map(queued.get("conversation"));
        assertThat(item).containsEntry("state", "queued").containsEntry("reason", "missing_knowledge");
        Map<String, Object> ticket = map(item.get("ticket"));
        assertThat(((Number) ticket.get("number")).longValue()).isGreaterThan(1000);
        // the ticket is about the customer's question, not about the "Talk to a person" that followed it
        assertThat(ticket).containsEntry("status", "open")
                .containsEntry("subject", "Do you have an on-premise version I can install on my own servers?");

        JsonNode detail = api.get("/api/agent/conversations/" + customer.id, dana.token()).json();
        assertThat(detail.get("context").get("summary").asString()).contains("missing knowledge").contains("on-premise");
        assertThat(detail.get("transitions").get(0).get("to").asString()).isEqualTo("queued");
        assertThat(detail.get("customer").get("locale").asString()).isEqualTo("en");

        danaWs.send("/app/conversations/" + customer.id + "/claim", Map.of());
        Map<String, Object> assigned = danaWs.await(INBOX, e -> "assigned".equals(e.get("type")));
        assertThat(map(map(assigned.get("conversation")).get("agent"))).containsEntry("name", "Dana");
        assertThat(text(customer.awaitSystem("handoff"))).isEqualTo("You're now chatting with Dana.");
        assertThat(customer.ws.awaitSeen(customer.topic(), e -> "status".equals(e.get("type")) && e.get("agentName") != null))
                .containsEntry("agentName", "Dana").containsEntry("state", "assigned");

        // live, both ways: the agent watches the customer's topic too
        danaWs.subscribeToConversation(customer.id);
        customer.send("Thanks, I need it for 50 seats");
        Map<String, Object> fromCustomer = danaWs.await(INBOX, e -> "message".equals(e.get("type")));
        assertThat(text(fromCustomer)).isEqualTo("Thanks, I need it for 50 seats");
        customer.ws.send("/app/conversations/" + customer.id + "/typing", Map.of("typing", true));
        assertThat(danaWs.await(INBOX, e -> "typing".equals(e.get("type")))).containsEntry("typing", true);

        danaWs.send("/app/conversations/" + customer.id + "/reply", Map.of("clientMessageId", "a-1", "text", "Hi! Let me check that for you."));
        assertThat(danaWs.await("/user/queue/acks")).containsEntry("duplicate", false);
        Map<String, Object> reply = customer.ws.await(customer.topic(), e -> "message".equals(e.get("type"))
                && "agent".equals(((Map<?, ?>) message(e).get("author")).get("type")));
        assertThat(text(reply)).isEqualTo("Hi! Let me check that for you.");
        assertThat(((Map<?, ?>) message(reply).get("author")).get("name")).isEqualTo("Dana");

        danaWs.send("/app/conversations/" + customer.id + "/resolve", Map.of());
        Map<String, Object> csat = customer.awaitSystem("csat");
        assertThat(text(csat)).contains("How would you rate");
        danaWs.await(INBOX, e -> "resolved".equals(e.get("type")));

        Api.Response rating = api.post("/api/widget/conversations/" + customer.id + "/rating", customer.token,
                Map.of("score", 5, "comment", "Quick and kind"));
        assertThat(rating.status()).isEqualTo(200);
        assertThat(danaWs.await(INBOX, e -> "rated".equals(e.get("type")))).satisfies(e -> assertThat(map(e.get("rating"))).containsEntry("score", 5));

        JsonNode stored = api.get("/api/tickets/" + ticket.get("number"), dana.token()).json();
        assertThat(stored.get("status").asString()).isEqualTo("solved");
        assertThat(stored.get("rating").get("score").asInt()).isEqualTo(5);
        assertThat(stored.get("assignee").get("name").asString()).isEqualTo("Dana");
        List<String> timeline = api.get("/api/tickets/" + ticket.get("number") + "/timeline", dana.token()).json()
                .valueStream().map(e -> e.get("type").asString()).toList();
        assertThat(timeline).contains("created", "ownership", "status_changed", "rated");
        assertThat(api.get("/api/agent/conversations/" + customer.id, dana.token()).json().get("rating").get("comment").asString())
                .isEqualTo("Quick and kind");
    }

    @Test
    void anOnlineAgentWithCapacityGetsTheConversationRoutedToThem() {
        Agent sam = agents.create("Sam");
        StompTestClient samWs = connectAgent(sam);
        agents.presence(sam, "online");
        customer = new Customer("de");
        customer.ask("I want to talk to a person");
        assertThat(text(customer.awaitSystem("handoff"))).isEqualTo("Sie chatten jetzt mit Sam.");
        Map<String, Object> assigned = samWs.await(INBOX, e -> "assigned".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));
        assertThat(map(assigned.get("conversation"))).containsEntry("state", "assigned");
        JsonNode mine = api.get("/api/agent/conversations?view=mine", sam.token()).json();
        assertThat(mine.valueStream().map(c -> c.get("conversationId").asString()).toList()).contains(customer.id);
    }

    @Test
    void twoAgentsClaimAtOnceAndExactlyOneWins() throws Exception {
        Agent ann = agents.create("Ann");
        Agent bob = agents.create("Bob");
        StompTestClient annWs = connectAgent(ann);
        StompTestClient bobWs = connectAgent(bob);
        for (int round = 0; round < 3; round++) {
            customer = new Customer("en");
            customer.ask("I want to talk to a person");
            annWs.await(INBOX, e -> "queued".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));
            bobWs.await(INBOX, e -> "queued".equals(e.get("type")) && customer.id.equals(e.get("conversationId")));

            String claim = "/app/conversations/" + customer.id + "/claim";
            var start = new java.util.concurrent.CountDownLatch(1);
            Thread a = new Thread(() -> { await(start); annWs.send(claim, Map.of()); });
            Thread b = new Thread(() -> { await(start); bobWs.send(claim, Map.of()); });
            a.start();
            b.start();
            start.countDown();
            a.join();
            b.join();

            String id = customer.id;
            // each claim has an outcome, the assignment in the winner's inbox or the refusal on the loser's errors
            Awaitility.await("both claims decided").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> decided(annWs, claim, id) && decided(bobWs, claim, id));
            List<Map<String, Object>> annEvents = annWs.history(INBOX);
            List<Map<String, Object>> bobEvents = bobWs.history(INBOX);
            boolean annWon = annEvents.stream().anyMatch(e -> "assigned".equals(e.get("type")) && id.equals(e.get("conversationId")));
            boolean bobWon = bobEvents.stream().anyMatch(e -> "assigned".equals(e.get("type")) && id.equals(e.get("conversationId")));
            assertThat(annWon ^ bobWon).as("exactly one agent wins").isTrue();
            StompTestClient loser = annWon ? bobWs : annWs;
            Map<String, Object> refusal = loser.await(ERRORS, e -> claim.equals(e.get("destination")));
            assertThat(refusal).containsEntry("code", "already_claimed");
            assertThat((String) refusal.get("reason")).contains(annWon ? "Ann" : "Bob");
            loser.awaitSeen(INBOX, e -> "claimed".equals(e.get("type")) && id.equals(e.get("conversationId")));
            long transitionsToAssigned = jdbc.sql("select count(*) from ownership_transition where conversation_id = ?::uuid and to_state = 'assigned'")
                    .param(id).query(Long.class).single();
            assertThat(transitionsToAssigned).isEqualTo(1);
        }
    }

    @Test
    void theBotIsSilentWhileAPersonOwnsTheConversationAndAnswersAgainAfterReturnToBot() {
        Agent eve = agents.create("Eve");
        StompTestClient eveWs = connectAgent(eve);
        agents.presence(eve, "online");
        customer = new Customer("en");
        customer.ask("I want to talk to a person");
        customer.awaitSystem("handoff");

        customer.send("How do I reset my password? I forgot it.");
        eveWs.await(INBOX, e -> "message".equals(e.get("type")));
        customer.assertBotSilentAfter("How do I reset my password? I forgot it.");

        eveWs.send("/app/conversations/" + customer.id + "/return-to-bot", Map.of());
        assertThat(text(customer.awaitSystem("returned_to_bot"))).contains("assistant again");
        assertThat(eveWs.await(INBOX, e -> "returned_to_bot".equals(e.get("type")))).isNotNull();
        Map<String, Object> answer = customer.ask("How do I reset my password? I forgot it.");
        assertThat(payload(answer)).containsEntry("kind", "answer");
    }

    @Test
    void aResolvedConversationGoesBackToTheBotWhenTheCustomerWritesAgainAndItsTicketReopens() {
        Agent fay = agents.create("Fay");
        StompTestClient fayWs = connectAgent(fay);
        agents.presence(fay, "online");
        customer = new Customer("en");
        customer.ask("I want to talk to a person");
        customer.awaitSystem("handoff");
        fayWs.send("/app/conversations/" + customer.id + "/resolve", Map.of());
        customer.awaitSystem("csat");

        Map<String, Object> answer = customer.ask("How do I reset my password? I forgot it.");
        assertThat(payload(answer)).containsEntry("kind", "answer");
        JsonNode ticket = api.get("/api/tickets?customerId=" + customer.customerId, fay.token()).json().get("items").get(0);
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        List<String> transitions = api.get("/api/agent/conversations/" + customer.id, fay.token()).json().get("transitions")
                .valueStream().map(t -> t.get("to").asString() + ":" + t.get("reason").asString()).toList();
        assertThat(transitions).containsExactly("queued:customer_request", "assigned:routed", "resolved:resolved", "bot:customer_returned");
    }

    @Test
    void aConfirmedBotAnswerIsABotResolutionTheCustomerCanRate() {
        customer = new Customer("en");
        Map<String, Object> answer = customer.ask("How do I reset my password? I forgot it.");
        assertThat(payload(answer)).containsEntry("kind", "answer");
        assertThat(api.post("/api/widget/conversations/" + customer.id + "/rating", customer.token, Map.of("score", 4)).json()
                .get("code").asString()).isEqualTo("rating_not_open");
        customer.ask("Yes");
        long deadline = System.currentTimeMillis() + 5000;
        Api.Response rated;
        do {
            rated = api.post("/api/widget/conversations/" + customer.id + "/rating", customer.token, Map.of("score", 4));
        } while (rated.status() != 200 && System.currentTimeMillis() < deadline);
        assertThat(rated.status()).isEqualTo(200);
        assertThat(jdbc.sql("select resolved_by_bot from conversation_handoff where conversation_id = ?::uuid").param(customer.id)
                .query(Boolean.class).single()).isTrue();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    @Test
    void publishesTheContractEventsAtEachStep() {
        List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addApplicationListener((org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>>)
                e -> published.add(e.getPayload()));
        Agent gil = agents.create("Gil");
        StompTestClient gilWs = connectAgent(gil);
        agents.presence(gil, "online");
        customer = new Customer("en");
        java.util.UUID id = java.util.UUID.fromString(customer.id);
        customer.ask("I want to talk to a person");
        customer.awaitSystem("handoff");
        gilWs.send("/app/conversations/" + customer.id + "/resolve", Map.of());
        customer.awaitSystem("csat");
        api.post("/api/widget/conversations/" + customer.id + "/rating", customer.token, Map.of("score", 3));
        customer.ask("How do I reset my password? I forgot it.");

        List<String> transitions = published.stream().filter(io.parley.chat.ConversationStateChanged.class::isInstance)
                .map(io.parley.chat.ConversationStateChanged.class::cast)
                .filter(e -> e.conversationId().equals(id)).map(e -> e.from().json() + ">" + e.to().json() + ":" + e.reason()).toList();
        assertThat(transitions).containsExactly("bot>queued:customer_request", "queued>assigned:routed", "assigned>resolved:resolved",
                "resolved>bot:customer_returned");
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConversationHandedOff.class,
                h -> assertThat(h.reason()).isEqualTo("customer_request")));
        io.parley.ticket.TicketCreated created = published.stream().filter(io.parley.ticket.TicketCreated.class::isInstance)
                .map(io.parley.ticket.TicketCreated.class::cast).filter(t -> t.conversationId().equals(id)).findFirst().orElseThrow();
        assertThat(published).filteredOn(io.parley.ticket.TicketStatusChanged.class::isInstance)
                .map(e -> (io.parley.ticket.TicketStatusChanged) e).filteredOn(t -> t.ticketId().equals(created.ticketId()))
                .extracting(t -> t.from().json() + ">" + t.to().json()).containsExactly("open>solved", "solved>open");
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConversationResolved.class,
                r -> assertThat(r).extracting(ConversationResolved::conversationId, ConversationResolved::byBot, ConversationResolved::agentId)
                        .containsExactly(id, false, java.util.UUID.fromString(gil.id()))));
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConversationRated.class,
                r -> assertThat(r).extracting(ConversationRated::score, ConversationRated::agentId).containsExactly(3, java.util.UUID.fromString(gil.id()))));

        customer.ask("Yes");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> published.stream()
                .anyMatch(e -> e instanceof ConversationResolved r && r.byBot() && r.conversationId().equals(id)));
        assertThat(published).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConversationResolved.class,
                r -> assertThat(r.byBot() && r.agentId() == null && r.conversationId().equals(id)).isTrue()));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean decided(StompTestClient agent, String claim, String conversationId) {
        return agent.history(INBOX).stream().anyMatch(e -> "assigned".equals(e.get("type")) && conversationId.equals(e.get("conversationId")))
                || agent.history(ERRORS).stream().anyMatch(e -> claim.equals(e.get("destination")));
    }
}
