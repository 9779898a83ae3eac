package io.parley.insight;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parley.support.AdminApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code message.created}: a customer's message posted over REST reaches a real local receiver. */
@InsightIntegrationTest
class MessageCreatedWebhookIntegrationTests extends AdminApiTestSupport {

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
    void aStoredMessageIsDeliveredOnceAsMessageCreated() throws Exception {
        String endpointId = api.post("/api/insights/webhooks", admin, Map.of("url",
                receiver.url(),
                "eventTypes", List.of("message.created"))).json().get("id").asString();
        try {
            JsonNode session = api.session(Map.of("name", "Mira", "locale", "en"));
            String token = session.get("token").asString();
            String customerId = session.get("customer").get("id").asString();
            String conversation = api.startConversation(token, null).get("id").asString();
            String text = "Where is my parcel " + System.nanoTime() + "?";
            Map<String, Object> message = Map.of("clientMessageId", "c-" + System.nanoTime(), "text", text);
            assertThat(api.post("/api/widget/conversations/" + conversation + "/messages", token, message).status())
                    .isBetween(200, 201);
            // the same clientMessageId again is not a new message, so no second event
            api.post("/api/widget/conversations/" + conversation + "/messages", token, message);

            JsonNode event = receiver.await(r -> {
                JsonNode posted = r.json().get("data").get("message");
                return posted != null && text.equals(posted.get("text").asString());
            }, Duration.ofSeconds(30)).json();
            assertThat(event.get("type").asString()).isEqualTo("message.created");
            JsonNode data = event.get("data");
            assertThat(data.get("conversationId").asString()).isEqualTo(conversation);
            assertThat(data.get("customerId").asString()).isEqualTo(customerId);
            assertThat(data.get("message").get("author").get("type").asString()).isEqualTo("customer");
            assertThat(data.get("message").get("seq").asLong()).isPositive();

            // the delivery log holds exactly one delivery for this message
            JsonNode log = api.get("/api/insights/webhooks/" + endpointId + "/deliveries", admin).json();
            long forThisMessage = 0;
            for (JsonNode delivery : log) {
                if (delivery.toString().contains(event.get("id").asString())) {
                    forThisMessage++;
                }
            }
            assertThat(forThisMessage).isEqualTo(1);
        }
        finally {
            api.delete("/api/insights/webhooks/" + endpointId, admin);
        }
    }
}
