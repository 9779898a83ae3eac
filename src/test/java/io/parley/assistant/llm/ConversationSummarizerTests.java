package io.parley.assistant.llm;

import java.time.Duration;
import java.util.List;

import io.parley.assistant.AssistantProperties;
import io.parley.assistant.answer.AnswerRequest.Turn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationSummarizerTests {

    FakeOpenAiServer server;
    LlmClient client;
    ConversationSummarizer summarizer;
    LlmClient impatientClient;
    ConversationSummarizer impatient;

    static final List<Turn> TRANSCRIPT = List.of(
            new Turn("customer", "I was charged twice for March"),
            new Turn("bot", "Invoices are issued monthly [S1]. Did that answer your question?"),
            new Turn("customer", "No! I want my money back"));

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        // generous: the first call in a cold JVM on a busy machine may take seconds of class loading
        client = LlmClient.create(new AssistantProperties.Llm("openai", server.baseUrl(), "test-model", "k",
                Duration.ofSeconds(20), null, null, null, 0, null));
        summarizer = new ConversationSummarizer(client, "Parley");
        impatientClient = LlmClient.create(new AssistantProperties.Llm("openai", server.baseUrl(), "test-model", "k",
                Duration.ofMillis(600), null, null, null, 0, null));
        impatient = new ConversationSummarizer(impatientClient, "Parley");
    }

    @AfterEach
    void stop() {
        client.close();
        impatientClient.close();
        server.close();
    }

    @Test
    void summarisesTheTranscriptInTheRequestedLanguage() {
        server.answer(FakeOpenAiServer.reply("  Der Kunde wurde für März doppelt belastet und möchte eine Erstattung. "
                + "Der Bot erklärte nur die monatliche Rechnungsstellung.  "));

        assertThat(summarizer.summarize(TRANSCRIPT, "de")).contains("Der Kunde wurde für März doppelt belastet und "
                + "möchte eine Erstattung. Der Bot erklärte nur die monatliche Rechnungsstellung.");

        FakeOpenAiServer.Recorded sent = server.onlyRequest();
        assertThat(sent.content("system")).contains("2 to 4 sentences in German", "human support agent");
        assertThat(sent.content("user")).contains("Customer: I was charged twice for March",
                "Parley (bot): Invoices are issued monthly", "Customer: No! I want my money back");
        assertThat(summarizer.enabled()).isTrue();
    }

    @Test
    void longTranscriptsAreCutToTheMostRecentTurns() {
        List<Turn> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            many.add(new Turn("customer", "message number " + i + " " + "x".repeat(2000)));
        }
        server.answer(FakeOpenAiServer.reply("The customer sent many messages."));

        assertThat(summarizer.summarize(many, "en")).isPresent();

        String user = server.onlyRequest().content("user");
        assertThat(user).contains("message number 50 ", "message number 21 ").doesNotContain("message number 20 ");
        assertThat(user.length()).isLessThan(30 * 650);
    }

    @Test
    void failureIsEmpty() {
        server.answer(FakeOpenAiServer.status(500));
        assertThat(summarizer.summarize(TRANSCRIPT, "en")).isEmpty();

        server.answer(server.hang());
        long started = System.nanoTime();
        assertThat(impatient.summarize(TRANSCRIPT, "en")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1600));
    }

    @Test
    void nothingToSummariseAsksNothing() {
        assertThat(summarizer.summarize(List.of(), "en")).isEmpty();
        assertThat(summarizer.summarize(List.of(new Turn("customer", " ")), "en")).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void disabledSummarizerIsEmpty() {
        ConversationSummarizer disabled = ConversationSummarizer.disabled();

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.summarize(TRANSCRIPT, "en")).isEmpty();
    }
}
