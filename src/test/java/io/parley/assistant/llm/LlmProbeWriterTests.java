package io.parley.assistant.llm;

import java.time.Duration;
import java.util.List;

import io.parley.assistant.calibration.ProbeGenerator;
import io.parley.knowledge.index.IndexableArticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes written by the language model (a local OpenAI-compatible server) for self-calibration. */
class LlmProbeWriterTests {

    FakeOpenAiServer server;
    LlmClient client;

    static IndexableArticle article(String id, String locale, String title, String body) {
        return new IndexableArticle(id, id, locale, title, body, List.of(), true, null);
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        client = LlmClient.create(LlmAnswerWriterTests.config(server.baseUrl(), Duration.ofSeconds(5), 1));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theModelsQuestionsBecomeProbesOfTheirArticleInItsLanguageAndAreAskedForOncePerVersion() {
        server.answer(FakeOpenAiServer.reply("1. how do i get my pasword back\n- forgot login, what now?\n\n* reset link not working"));
        LlmProbeWriter writer = new LlmProbeWriter(client);
        IndexableArticle reset = article("a1", "tr", "Şifre sıfırlama", "Giriş sayfasında 'Şifremi unuttum' bağlantısını kullanın.");

        List<ProbeGenerator.Probe> probes = writer.write(List.of(reset), 10);

        assertThat(probes).extracting(ProbeGenerator.Probe::text)
                .containsExactly("how do i get my pasword back", "forgot login, what now?", "reset link not working");
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.articleId()).isEqualTo("a1");
            assertThat(p.locale()).isEqualTo("tr");
            assertThat(p.kind()).isEqualTo("llm");
        });
        FakeOpenAiServer.Recorded request = server.onlyRequest();
        assertThat(request.content("system")).contains("Turkish");
        assertThat(request.content("user")).contains("Şifre sıfırlama").contains("Şifremi unuttum");

        // the same article again: no second call; a cap cuts the list
        assertThat(writer.write(List.of(reset), 2)).hasSize(2);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aFailingModelGivesNoProbesAndDoesNotThrow() {
        server.answer(FakeOpenAiServer.status(500));
        LlmProbeWriter writer = new LlmProbeWriter(client);
        assertThat(writer.write(List.of(article("a1", "en", "Reset", "Use the link.")), 10)).isEmpty();
    }

    @Test
    void aQuestionTheModelWroteForTwoArticlesIsNoProbeOfEither() {
        // a model that ignores the article and repeats itself: its lines would all be "wrong" probes but one
        server.answer(FakeOpenAiServer.reply("Use the Forgot password? link on the sign-in page [S1]."));
        client.close();
        client = LlmClient.create(LlmAnswerWriterTests.config(server.baseUrl(), Duration.ofSeconds(60), 1)); // a busy machine
        LlmProbeWriter writer = new LlmProbeWriter(client);

        List<ProbeGenerator.Probe> probes = writer.write(List.of(article("a1", "en", "Reset", "Use the link."),
                article("a2", "en", "Invoices", "Download them from Billing.")), 10);

        assertThat(server.requests()).hasSize(2);
        assertThat(probes).isEmpty();
        // the same line for one article alone is a probe
        assertThat(writer.write(List.of(article("a1", "en", "Reset", "Use the link.")), 10)).hasSize(1);
    }

    @Test
    void probesWaitUntilNoCustomerHasUsedTheModelForAWhile() throws Exception {
        client.close();
        client = LlmClient.create(LlmAnswerWriterTests.config(server.baseUrl(), Duration.ofSeconds(60), 1)); // a busy machine
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeOpenAiServer.Behaviour answer = FakeOpenAiServer.reply("how do i get my pasword back");
        long[] customerAnswered = new long[1];
        long[] probeArrived = new long[1];
        server.answer(exchange -> {
            if (server.requests().size() == 1) {
                release.await(); // the customer's call, held until the test lets it go
                answer.respond(exchange);
                customerAnswered[0] = System.nanoTime();
            } else {
                probeArrived[0] = System.nanoTime();
                answer.respond(exchange);
            }
        });
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var customer = threads.submit(() -> client.chat("answer", List.of(
                    dev.langchain4j.data.message.UserMessage.from("How do I reset my password?"))));
            org.awaitility.Awaitility.await().until(() -> server.requests().size() == 1);
            Thread[] probing = new Thread[1];
            var probes = threads.submit(() -> {
                probing[0] = Thread.currentThread();
                return new LlmProbeWriter(client).write(List.of(article("a1", "en", "Reset", "Use the link.")), 10);
            });
            // the probe writer is waiting (sleeping in its poll) while the customer's call is in flight
            org.awaitility.Awaitility.await().until(() -> probing[0] != null
                    && probing[0].getState() == Thread.State.TIMED_WAITING);
            assertThat(server.requests()).hasSize(1);

            release.countDown();
            assertThat(customer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
            assertThat(probes.get(60, java.util.concurrent.TimeUnit.SECONDS)).extracting(ProbeGenerator.Probe::text)
                    .containsExactly("how do i get my pasword back");
            // the probe was sent only after the customers' quiet period had passed
            assertThat(probeArrived[0] - customerAnswered[0]).isGreaterThanOrEqualTo(LlmClient.CUSTOMERS_QUIET.toNanos());
            assertThat(server.requests()).hasSize(2);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }
}
