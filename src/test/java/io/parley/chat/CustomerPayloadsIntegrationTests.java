package io.parley.chat;

import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 9: a customer never sees the bot's internal scores (its decision and confidence, the retrieval
 * scores of its sources) nor staff ids, over STOMP or REST; an agent on the same topic still does.
 */
@ParleyIntegrationTest
class CustomerPayloadsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theBotsAnswerReachesTheCustomerWithoutItsScoresAndTheAgentWithThem() throws Exception {
        Api api = new Api(port);
        String token = api.session(Map.of("name", "Ivy", "locale", "en")).get("token").asString();
        String conversation = api.startConversation(token, null).get("id").asString();
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        String topic = "/topic/conversations/" + conversation;
        try (StompTestClient customer = StompTestClient.connect(port, token);
                StompTestClient agent = StompTestClient.connect(port, admin)) {
            customer.subscribeToConversation(conversation);
            agent.subscribe(topic);
            customer.send("/app/conversations/" + conversation + "/messages",
                    Map.of("clientMessageId", "ask-1", "text", "How do I reset my password? I forgot it."));

            Map<String, Object> seenByCustomer = customer.await(topic, CustomerPayloadsIntegrationTests::botMessage);
            Map<String, Object> seenByAgent = agent.await(topic, CustomerPayloadsIntegrationTests::botMessage);

            JsonNode forCustomer = Api.JSON.valueToTree(seenByCustomer).get("message");
            JsonNode forAgent = Api.JSON.valueToTree(seenByAgent).get("message");
            assertThat(forAgent.get("payload").has("decision")).as("agents keep the evidence").isTrue();
            assertThat(forAgent.get("payload").get("sources").get(0).has("score")).isTrue();
            assertHasNoInternals(forCustomer);
            assertThat(forCustomer.get("payload").get("sources").get(0).get("title").asString()).isNotBlank();
        }

        JsonNode history = api.get("/api/widget/conversations/" + conversation + "/messages", token).json().get("messages");
        JsonNode answer = null;
        for (JsonNode message : history) {
            if ("bot".equals(message.get("author").get("type").asString()) && message.get("payload").has("sources")) {
                answer = message;
            }
        }
        assertThat(answer).as("the bot's answer in the customer's history").isNotNull();
        assertHasNoInternals(answer);
        JsonNode staffHistory = api.get("/api/agent/conversations/" + conversation + "/messages", admin).json().get("messages");
        assertThat(staffHistory.toString()).contains("\"decision\"");
    }

    private static void assertHasNoInternals(JsonNode message) {
        assertThat(message.get("payload").has("decision")).isFalse();
        for (JsonNode source : message.get("payload").get("sources")) {
            assertThat(List.of("score", "bm25Rank", "vectorRank", "cosine", "queryTermCoverage")).noneMatch(source::has);
        }
    }

    private static boolean botMessage(Map<String, Object> event) {
        if (!"message".equals(event.get("type"))) {
            return false;
        }
        Map<?, ?> message = (Map<?, ?>) event.get("message");
        Map<?, ?> payload = (Map<?, ?>) message.get("payload");
        return "bot".equals(((Map<?, ?>) message.get("author")).get("type")) && payload != null && payload.get("sources") != null;
    }
}
