package io.parley.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;

import static io.parley.support.ChatEvents.isBotMessage;
import static io.parley.support.ChatEvents.payload;
import static io.parley.support.ChatEvents.quickReplies;
import static org.awaitility.Awaitility.await;
import static io.parley.support.ChatEvents.sources;
import static io.parley.support.ChatEvents.text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot with a language model configured: a local OpenAI-compatible server stands in for the model. A grounded,
 * cited answer is used; an uncited one or a model that is too slow falls back to the extractive answer, and the
 * customer gets a reply either way.
 */
@ParleyIntegrationTest
class BotLlmIntegrationTests {

    enum Mode { GROUNDED, UNCITED, SLOW, SUMMARY, NO_ANSWER }

    static volatile Mode mode = Mode.GROUNDED;
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static final HttpServer model = startModel();

    @DynamicPropertySource
    static void llm(DynamicPropertyRegistry registry) {
        registry.add("parley.assistant.llm.base-url", () -> "http://localhost:" + model.getAddress().getPort() + "/v1");
        registry.add("parley.assistant.llm.model", () -> "test-model");
        registry.add("parley.assistant.llm.api-key", () -> "test-key");
        registry.add("parley.assistant.llm.timeout", () -> "1500ms");
        registry.add("parley.assistant.llm.max-retries", () -> "0");
    }

    @LocalServerPort
    int port;

    StompTestClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        mode = Mode.GROUNDED;
    }

    @Test
    void aGroundedCitedAnswerFromTheModelIsSentWithItsSources() {
        mode = Mode.GROUNDED;
        Map<String, Object> reply = ask("How do I reset my password? I forgot it.");
        assertThat(payload(reply)).containsEntry("kind", "answer").containsEntry("writer", "llm");
        assertThat(text(reply)).contains("Forgot password? link on the sign-in page [S1]").endsWith("Did that answer your question?");
        assertThat(sourceSlugs(reply)).containsExactly("resetting-your-password");
        assertThat(requests).last().asString().contains("Resetting your password").contains("[S1]");
    }

    @Test
    void anAnswerThatCitesNothingIsRejectedForTheExtractiveOne() {
        mode = Mode.UNCITED;
        Map<String, Object> reply = ask("How do I reset my password? I forgot it.");
        assertThat(payload(reply)).containsEntry("kind", "answer").containsEntry("writer", "extractive");
        assertThat(text(reply)).doesNotContain("Just trust me").contains("Resetting your password");
    }

    @Test
    void whenTheModelSaysTheArticlesDoNotAnswerTheCustomerIsOfferedAPersonNotAQuote() {
        mode = Mode.NO_ANSWER;
        Map<String, Object> reply = ask("How do I reset my password? I forgot it.");
        // the decision found the article worth answering from; the model, reading it, says it does not answer
        assertThat(requests).last().asString().contains("Resetting your password");
        assertThat(payload(reply)).containsEntry("kind", "dont_know").containsEntry("offeredHandoffReason", "missing_knowledge");
        assertThat(text(reply)).doesNotContain("Resetting your password").doesNotContain("Forgot password");
        assertThat(quickReplies(reply)).contains("Talk to a person");
    }

    @Test
    void aModelThatIsTooSlowNeverLeavesTheCustomerWithoutAReply() {
        mode = Mode.SLOW;
        long start = System.nanoTime();
        Map<String, Object> reply = ask("How do I reset my password? I forgot it.");
        assertThat(payload(reply)).containsEntry("writer", "extractive");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void whenItHandsOffTheModelWritesTheTicketSummary() throws Exception {
        mode = Mode.SUMMARY;
        Map<String, Object> reply = ask("I want to talk to a person");
        assertThat(payload(reply)).containsEntry("kind", "handoff");
        Api api = new Api(port);
        String staff = api.login(io.parley.ParleyIntegrationTest.ADMIN_EMAIL, io.parley.ParleyIntegrationTest.ADMIN_PASSWORD);
        String conversationId = reply.get("conversationId").toString();
        // the summary is written after the hand-off, in the background: wait for it to be stored
        tools.jackson.databind.JsonNode context = await("the LLM summary of " + conversationId).atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> api.get("/api/agent/conversations/" + conversationId, staff).json().get("context"),
                        c -> "llm".equals(c.get("summarySource").asString(null)));
        assertThat(context.get("summarySource").asString()).isEqualTo("llm");
        assertThat(context.get("summary").asString()).isEqualTo("The customer wants a person to discuss an on-premise installation.");
        assertThat(requests).anySatisfy(r -> assertThat(r).contains("summarise a customer support conversation"));
    }

    private Map<String, Object> ask(String question) {
        Api api = new Api(port);
        String token = api.session(Map.of("locale", "en")).get("token").asString();
        String conversationId = api.startConversation(token, null).get("id").asString();
        client = StompTestClient.connect(port, token);
        client.subscribeToConversation(conversationId);
        client.send("/app/conversations/" + conversationId + "/messages", Map.of("clientMessageId", "q", "text", question));
        return client.await("/topic/conversations/" + conversationId, isBotMessage());
    }

    private static List<Object> sourceSlugs(Map<String, Object> event) {
        return sources(event).stream().map(s -> (Object) s.get("slug")).toList();
    }

    private static HttpServer startModel() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/v1/chat/completions", exchange -> {
                requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String content = switch (mode) {
                    case GROUNDED -> "Use the Forgot password? link on the sign-in page [S1].";
                    case UNCITED -> "Just trust me, it works.";
                    case SLOW -> "Too late [S1].";
                    case SUMMARY -> "The customer wants a person to discuss an on-premise installation.";
                    case NO_ANSWER -> "NO_ANSWER";
                };
                if (mode == Mode.SLOW) {
                    try {
                        Thread.sleep(5_000);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                        + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10,\"total_tokens\":20}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                try {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                catch (IOException clientGone) {
                    // the bot gave up waiting; that is the point of the slow case
                }
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
