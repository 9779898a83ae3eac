package io.parley.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Agents.Agent;
import io.parley.support.Api;
import io.parley.support.StompTestClient;

import static io.parley.support.ChatEvents.payload;
import static io.parley.support.ChatEvents.text;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what (customers never reach agent endpoints; an agent acts only on their own conversations until it is
 * transferred), out-of-hours handoffs, and the agent's tools: notes, saved replies, suggestions, viewers, tickets.
 */
@ParleyIntegrationTest
class AgentWorkspaceIntegrationTests extends HandoffTestSupport {

    @Test
    void aCustomerCannotCallAgentEndpointsOrCommands() {
        JsonNode session = api.session(Map.of("locale", "en"));
        String token = session.get("token").asString();
        String conversationId = api.startConversation(token, null).get("id").asString();

        for (String path : List.of("/api/agent/conversations?view=queue", "/api/agent/conversations/" + conversationId,
                "/api/tickets", "/api/agent/saved-replies", "/api/agent/presence", "/api/agent/teams")) {
            Api.Response response = api.get(path, token);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
        }
        assertThat(api.post("/api/agent/conversations/" + conversationId + "/claim", token, Map.of()).status()).isEqualTo(403);

        StompTestClient ws = connect(token);
        ws.send("/app/conversations/" + conversationId + "/claim", Map.of());
        Map<String, Object> error = ws.awaitError();
        assertThat(error.get("codeHeader")).isEqualTo("command_forbidden");
    }

    @Test
    void anAgentCannotActOnAnotherAgentsConversationUntilItIsTransferred() {
        Agent dana = agents.create("Dana");
        Agent sam = agents.create("Sam");
        StompTestClient danaWs = connectAgent(dana);
        StompTestClient samWs = connectAgent(sam);
        agents.presence(dana, "online");
        Customer c = handOff("en");
        danaWs.await(INBOX, e -> "assigned".equals(e.get("type")) && c.id.equals(e.get("conversationId")));

        for (String command : List.of("reply", "resolve", "return-to-bot", "transfer")) {
            Object body = command.equals("reply") ? Map.of("clientMessageId", "s-1", "text", "Hello from Sam")
                    : command.equals("transfer") ? Map.of("queue", true) : Map.of();
            samWs.send("/app/conversations/" + c.id + "/" + command, body);
            Map<String, Object> refusal = samWs.await(ERRORS, e -> e.get("destination").toString().endsWith("/" + command));
            assertThat(refusal).as(command).containsEntry("code", "not_your_conversation");
            assertThat((String) refusal.get("reason")).contains("Dana");
        }
        samWs.send("/app/conversations/" + c.id + "/claim", Map.of());
        assertThat(samWs.await(ERRORS, e -> e.get("destination").toString().endsWith("/claim"))).containsEntry("code", "already_claimed");
        Api.Response rest = api.post("/api/agent/conversations/" + c.id + "/resolve", sam.token(), Map.of());
        assertThat(rest.status()).isEqualTo(403);
        assertThat(rest.json().get("code").asString()).isEqualTo("not_your_conversation");
        // every refusal is in, so each command was handled: nothing of Sam's was stored, so nothing was broadcast
        assertThat(storedTexts(c)).doesNotContain("Hello from Sam");
        assertThat(c.ws.history(c.topic())).noneMatch(e -> "message".equals(e.get("type")) && "Hello from Sam".equals(text(e)));

        danaWs.send("/app/conversations/" + c.id + "/transfer", Map.of("agentId", sam.id()));
        samWs.await(INBOX, e -> "assigned".equals(e.get("type")) && c.id.equals(e.get("conversationId")));
        danaWs.await(INBOX, e -> "unassigned".equals(e.get("type")) && c.id.equals(e.get("conversationId")));
        c.ws.awaitSeen(c.topic(), e -> "message".equals(e.get("type")) && "You're now chatting with Sam.".equals(text(e)));
        Api.Response reply = api.post("/api/agent/conversations/" + c.id + "/reply", sam.token(),
                Map.of("clientMessageId", "s-2", "text", "Sam here, I'll take it from now"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(api.post("/api/agent/conversations/" + c.id + "/reply", dana.token(),
                Map.of("clientMessageId", "d-9", "text", "still me?")).json().get("code").asString()).isEqualTo("not_your_conversation");

        // back to the queue: it waits for a claim (Dana is online but the transferring agent is not routed to again)
        Api.Response toQueue = api.post("/api/agent/conversations/" + c.id + "/transfer", sam.token(), Map.of("queue", true));
        assertThat(toQueue.json().get("state").asString()).isIn("queued", "assigned");
        List<String> reasons = api.get("/api/agent/conversations/" + c.id, sam.token()).json().get("transitions").valueStream()
                .map(t -> t.get("reason").asString()).toList();
        assertThat(reasons).startsWith("customer_request", "routed", "transferred", "transferred");
    }

    @Test
    void outOfHoursTheCustomerIsToldWhenTheTeamIsBackAndAskedForAnEmailAndTheTicketStaysOpen() {
        Agent dana = agents.create("Dana");
        agents.presence(dana, "online");
        LocalDate openDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        DayOfWeek day = openDay.getDayOfWeek();
        Api.Response team = api.post("/api/agent/teams", agents.adminToken(), Map.of("name", "Support DE", "locales", List.of("de"),
                "memberIds", List.of(dana.id()), "timeZone", "UTC",
                "hours", Map.of(day.name().toLowerCase(), List.of(Map.of("from", "09:00", "to", "17:00"))),
                "holidays", List.of(openDay.minusDays(7).toString())));
        assertThat(team.status()).as(team.body()).isEqualTo(201);

        Customer c = handOff("de");
        Map<String, Object> notice = c.awaitSystem("out_of_hours");
        Instant backAt = openDay.atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertThat(payload(notice)).containsEntry("backAt", backAt.toString()).containsEntry("timeZone", "UTC");
        assertThat(text(notice)).startsWith("Unser Team ist gerade nicht da").contains("9:00").contains("E-Mail");

        JsonNode item = api.get("/api/agent/conversations/" + c.id, dana.token()).json();
        assertThat(item.get("state").asString()).isEqualTo("queued");
        assertThat(item.get("outOfHours").asBoolean()).isTrue();
        assertThat(item.get("team").get("name").asString()).isEqualTo("Support DE");

        Api.Response bad = api.post("/api/widget/conversations/" + c.id + "/contact", c.token, Map.of("email", "not-an-email"));
        assertThat(bad.status()).isEqualTo(400);
        Api.Response contact = api.post("/api/widget/conversations/" + c.id + "/contact", c.token, Map.of("email", "kim@example.com"));
        assertThat(contact.status()).isEqualTo(200);
        assertThat(text(c.awaitSystem("contact_saved"))).contains("kim@example.com");
        JsonNode ticket = api.get("/api/tickets/" + item.get("ticket").get("number").asLong(), dana.token()).json();
        assertThat(ticket.get("contactEmail").asString()).isEqualTo("kim@example.com");
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(api.get("/api/tickets?status=open&q=" + item.get("ticket").get("number").asLong(), dana.token()).json()
                .get("total").asLong()).isEqualTo(1);
    }

    @Test
    void notesSavedRepliesSuggestionsAndViewersHelpTheAgent() {
        Agent dana = agents.create("Dana");
        Agent sam = agents.create("Sam");
        StompTestClient danaWs = connectAgent(dana);
        StompTestClient samWs = connectAgent(sam);
        Customer c = handOff("en", "How do I reset my password? I forgot it.", "Talk to a person");
        danaWs.await(INBOX, e -> "queued".equals(e.get("type")) && c.id.equals(e.get("conversationId")));
        assertThat(api.post("/api/agent/conversations/" + c.id + "/claim", dana.token(), Map.of()).json().get("state").asString())
                .isEqualTo("assigned");

        // collision hint: Sam opens the conversation while Dana has it
        String staffTopic = "/topic/staff/conversations/" + c.id;
        subscribe(danaWs, dana, staffTopic);
        samWs.send("/app/conversations/" + c.id + "/view", Map.of("viewing", true));
        Map<String, Object> viewers = danaWs.await(staffTopic, e -> "viewers".equals(e.get("type"))
                && ((List<?>) e.get("viewers")).stream().anyMatch(v -> "Sam".equals(((Map<?, ?>) v).get("name"))));
        assertThat((List<?>) viewers.get("viewers")).hasSize(2);

        samWs.send("/app/conversations/" + c.id + "/note", Map.of("text", "Customer is on the Team plan"));
        Map<String, Object> note = danaWs.await(staffTopic, e -> "note".equals(e.get("type")));
        assertThat(map(note.get("note"))).containsEntry("text", "Customer is on the Team plan")
                .containsEntry("authorName", "Sam");
        // the note has reached Dana, so it is stored: the customer's conversation has no trace of it
        assertThat(storedTexts(c)).noneMatch(t -> t.contains("Team plan"));
        assertThat(c.ws.history(c.topic())).noneMatch(e -> "message".equals(e.get("type")) && text(e).contains("Team plan"));
        JsonNode ticketNumber = api.get("/api/agent/conversations/" + c.id, dana.token()).json().get("ticket").get("number");
        assertThat(api.get("/api/tickets/" + ticketNumber.asLong() + "/notes", dana.token()).json().get(0).get("text").asString())
                .isEqualTo("Customer is on the Team plan");

        Api.Response saved = api.post("/api/agent/saved-replies", dana.token(), Map.of("shortcut", "hi-" + c.id.substring(0, 8),
                "title", "Greeting", "body", "Hi {{customer.name}}, I'm {{agent.name}} (ticket #{{ticket.number}}). {{unknown}}"));
        assertThat(saved.status()).isEqualTo(201);
        JsonNode expanded = api.get("/api/agent/conversations/" + c.id + "/saved-replies/" + saved.json().get("id").asString(),
                dana.token()).json();
        assertThat(expanded.get("text").asString()).isEqualTo("Hi Kim, I'm Dana (ticket #" + ticketNumber.asLong() + "). {{unknown}}");
        assertThat(api.post("/api/agent/saved-replies", dana.token(), Map.of("shortcut", "hi-" + c.id.substring(0, 8),
                "title", "Again", "body", "x")).json().get("code").asString()).isEqualTo("saved_reply_shortcut_taken");

        JsonNode suggestions = api.get("/api/agent/conversations/" + c.id + "/suggested-articles", dana.token()).json();
        assertThat(suggestions.valueStream().map(s -> s.get("slug").asString()).toList()).contains("resetting-your-password");

        JsonNode context = api.get("/api/agent/conversations/" + c.id, dana.token()).json().get("context");
        assertThat(context.get("botSources").valueStream().map(s -> s.get("slug").asString()).toList()).contains("resetting-your-password");
        assertThat(context.get("summary").asString()).contains("Resetting your password");

        Api.Response patched = api.patch("/api/tickets/" + ticketNumber.asLong(), dana.token(),
                Map.of("priority", "urgent", "tags", List.of("vip"), "status", "pending"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("priority").asString()).isEqualTo("urgent");
        assertThat(api.patch("/api/tickets/" + ticketNumber.asLong(), dana.token(), Map.of("priority", "whenever")).json()
                .get("fields").get("priority").asString()).contains("low, normal");
        assertThat(api.get("/api/tickets?assignee=me&tag=vip", dana.token()).json().get("items").get(0).get("number").asLong())
                .isEqualTo(ticketNumber.asLong());
    }

    Customer handOff(String locale, String... questions) {
        Customer c = new Customer(locale, "Kim");
        for (String question : questions.length == 0 ? new String[] { "I want to talk to a person" } : questions) {
            c.ask(question);
        }
        return c;
    }

    private List<String> storedTexts(Customer c) {
        return api.get("/api/widget/conversations/" + c.id + "/messages", c.token).json().get("messages").valueStream()
                .map(m -> m.path("text").asString("")).toList();
    }
}
