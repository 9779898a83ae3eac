package io.parley.assistant;

import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.assistant.decision.AnswerDecision;
import io.parley.assistant.decision.BotDecision;
import io.parley.assistant.intent.Intent;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Sensitive topics edited by an admin over REST apply to the bot's very next decision, and can be reset. */
@ParleyIntegrationTest
class SensitiveTopicsAdminIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    BotDecision decision;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        api.delete("/api/assistant/sensitive-topics", admin);
    }

    @AfterEach
    void reset() {
        api.delete("/api/assistant/sensitive-topics", admin);
    }

    @Test
    void anAdminsTopicsReplaceTheConfiguredOnesAtOnce() {
        JsonNode configured = api.get("/api/assistant/sensitive-topics", admin).json();
        assertThat(configured.get("source").asString()).isEqualTo("configuration");
        assertThat(configured.get("topics").size()).isEqualTo(4);
        assertThat(screen("I want my money back")).hasValue("billing_dispute");
        assertThat(screen("my cat ate the invoice")).isEmpty();

        Api.Response saved = api.put("/api/assistant/sensitive-topics", admin, Map.of("topics", List.of(
                Map.of("reason", "pet_incident", "phrases", List.of("my cat ate", "  my cat ate  ", "kedim yedi")),
                Map.of("reason", "billing_dispute", "phrases", List.of("money back")))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("source").asString()).isEqualTo("admin");
        assertThat(saved.json().get("updatedBy").asString()).isNotBlank();
        assertThat(saved.json().get("topics").get(0).get("phrases").size()).as("duplicates dropped").isEqualTo(2);
        assertThat(screen("my cat ate the invoice")).hasValue("pet_incident");
        assertThat(screen("Someone hacked my account")).as("no longer a topic").isEmpty();
        assertThat(api.post("/api/assistant/sensitive-topics/check", admin, Map.of("text", "Kedim yedi faturayı")).json()
                .get("reason").asString()).isEqualTo("pet_incident");
        assertThat(api.post("/api/assistant/sensitive-topics/check", admin, Map.of("text", "hello")).json()
                .get("sensitive").asBoolean()).isFalse();

        JsonNode back = api.delete("/api/assistant/sensitive-topics", admin).json();
        assertThat(back.get("source").asString()).isEqualTo("configuration");
        assertThat(screen("Someone hacked my account")).hasValue("account_security");
    }

    @Test
    void badTopicsAreRefusedNamingTheFieldAndOnlyAdminsMayChangeThem() {
        Api.Response badReason = api.put("/api/assistant/sensitive-topics", admin, Map.of("topics", List.of(
                Map.of("reason", "Bad Reason!", "phrases", List.of("x y")))));
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().get("fields").has("topics[0].reason")).isTrue();
        Api.Response noPhrases = api.put("/api/assistant/sensitive-topics", admin, Map.of("topics", List.of(
                Map.of("reason", "ok_reason", "phrases", List.of(" ")))));
        assertThat(noPhrases.status()).isEqualTo(400);
        assertThat(noPhrases.json().get("fields").has("topics[0].phrases")).isTrue();
        Api.Response twice = api.put("/api/assistant/sensitive-topics", admin, Map.of("topics", List.of(
                Map.of("reason", "same", "phrases", List.of("a b")), Map.of("reason", "same", "phrases", List.of("c d")))));
        assertThat(twice.json().get("fields").get("topics[1].reason").asString()).contains("twice");
        assertThat(api.get("/api/assistant/sensitive-topics", admin).json().get("source").asString())
                .as("nothing saved").isEqualTo("configuration");

        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/assistant/sensitive-topics", customer).status()).isEqualTo(403);
    }

    private java.util.Optional<String> screen(String text) {
        return decision.screen(text, Intent.QUESTION).map(AnswerDecision.HandOff::reason);
    }
}
