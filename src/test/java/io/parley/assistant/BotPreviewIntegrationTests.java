package io.parley.assistant;

import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/assistant/preview}: the bot's decision for one question, for writers, against the sample
 * knowledge base; it must be the decision the chat makes, and must post nothing.
 */
@ParleyIntegrationTest
class BotPreviewIntegrationTests {

    @LocalServerPort
    int port;

    Api api;
    String writer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        writer = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void anAnswerableQuestionShowsTheAnswerItsSourceAndTheEvidence() {
        JsonNode preview = preview("How do I reset my password? I forgot it.", "en");

        assertThat(preview.get("action").asString()).isEqualTo("answer");
        assertThat(preview.get("reason").asString()).isEqualTo("confident");
        assertThat(preview.get("locale").asString()).isEqualTo("en");
        assertThat(preview.get("text").asString()).contains("Did that answer your question?");
        JsonNode payload = preview.get("payload");
        assertThat(payload.get("kind").asString()).isEqualTo("answer");
        assertThat(payload.get("decision").get("action").asString()).isEqualTo("answer");
        assertThat(payload.get("decision").get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(payload.get("sources").get(0).get("slug").asString()).isEqualTo("resetting-your-password");
        JsonNode hits = preview.get("searched").get(0).get("hits");
        assertThat(hits.size()).isGreaterThan(1);
        assertThat(hits.get(0).get("slug").asString()).isEqualTo("resetting-your-password");
        assertThat(hits.get(0).has("cosine")).isTrue();
        assertThat(hits.get(0).get("score").asDouble()).isGreaterThan(hits.get(1).get("score").asDouble());
    }

    @Test
    void aQuestionTheArticlesDoNotCoverIsAnHonestDontKnowWithTheNearMisses() {
        JsonNode preview = preview("Do you have an on-premise version I can install on my own servers?", "en");

        assertThat(preview.get("action").asString()).isEqualTo("handoff_offered");
        assertThat(preview.get("reason").asString()).isEqualTo("missing_knowledge");
        assertThat(preview.get("payload").get("kind").asString()).isEqualTo("dont_know");
        assertThat(preview.get("searched").get(0).get("hits").size()).isPositive();
    }

    @Test
    void aSensitiveTopicIsHandedOffBeforeAnySearch() {
        JsonNode preview = preview("I was charged twice this month, I want my money back", "en");

        assertThat(preview.get("action").asString()).isEqualTo("handoff");
        assertThat(preview.get("reason").asString()).isEqualTo("billing_dispute");
        assertThat(preview.get("searched").size()).isZero();
    }

    @Test
    void answersInTheQuestionsLanguageLikeTheBot() {
        JsonNode preview = preview("Şifremi unuttum, nasıl sıfırlayabilirim?", "tr");
        assertThat(preview.get("locale").asString()).isEqualTo("tr");
        assertThat(preview.get("action").asString()).isIn("answer", "clarify");
        assertThat(preview.get("searched").get(0).get("searchedLocale").asString()).isEqualTo("tr");
    }

    @Test
    void badInputIsAFieldErrorAndOnlyWritersMayAsk() {
        Api.Response blank = api.post("/api/assistant/preview", writer, Map.of("question", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("fields").get("question").asString()).contains("blank");

        Api.Response locale = api.post("/api/assistant/preview", writer, Map.of("question", "hi", "locale", "no such"));
        assertThat(locale.status()).isEqualTo(400);
        assertThat(locale.json().get("fields").has("locale")).isTrue();

        assertThat(api.post("/api/assistant/preview", null, Map.of("question", "hi")).status()).isEqualTo(401);
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.post("/api/assistant/preview", customer, Map.of("question", "hi")).status()).isEqualTo(403);
    }

    private JsonNode preview(String question, String locale) {
        Api.Response response = api.post("/api/assistant/preview", writer, Map.of("question", question, "locale", locale));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
