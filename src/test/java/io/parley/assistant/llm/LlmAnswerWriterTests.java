package io.parley.assistant.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.assistant.AssistantProperties;
import io.parley.assistant.answer.AnswerRequest;
import io.parley.assistant.answer.AnswerRequest.Source;
import io.parley.assistant.answer.AnswerRequest.Turn;
import io.parley.assistant.answer.WrittenAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmAnswerWriterTests {

    /** For the timeout tests. */
    static final Duration TIMEOUT = Duration.ofMillis(600);
    /** For the rest: the first call in a cold JVM on a busy machine may take seconds of class loading. */
    static final Duration GENEROUS = Duration.ofSeconds(20);

    FakeOpenAiServer server;
    List<LlmClient> clients = new ArrayList<>();
    LlmAnswerWriter writer;

    static final Source RESET = new Source("S1", "a1", "reset-password", "Reset your password", "/help/en/reset-password",
            "Forgotten password", "Choose \"Forgot password\" on the sign-in page. We email you a reset link.");
    static final Source LINK = new Source("S2", "a1", "reset-password", "Reset your password", "/help/en/reset-password",
            "Reset link", "The reset link is valid for 24 hours and can be used once.");

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        writer = writer(config(server.baseUrl(), GENEROUS, 1));
    }

    @AfterEach
    void stop() {
        clients.forEach(LlmClient::close);
        server.close();
    }

    static AssistantProperties.Llm config(String baseUrl, Duration timeout, int maxConcurrent) {
        return new AssistantProperties.Llm("openai", baseUrl, "test-model", "test-key", timeout, null, null, null, 0,
                maxConcurrent);
    }

    LlmAnswerWriter writer(AssistantProperties.Llm config) {
        LlmClient client = LlmClient.create(config);
        clients.add(client);
        return new LlmAnswerWriter(client, "Parley", config.maxSources());
    }

    static AnswerRequest question(String text, Source... sources) {
        return new AnswerRequest(text, List.of(), List.of(sources), "en", null);
    }

    @Test
    void groundedAnswerKeepsItsCitationsAndNamesTheSourcesItUsed() {
        server.answer(FakeOpenAiServer.reply(
                "Choose \"Forgot password\" on the sign-in page and we email you a link [S1]. It works for 24 hours [S2]."));

        Optional<WrittenAnswer> answer = writer.write(question("How do I reset my password?", RESET, LINK));

        assertThat(answer).hasValueSatisfying(written -> {
            assertThat(written.text()).isEqualTo(
                    "Choose \"Forgot password\" on the sign-in page and we email you a link [S1]. It works for 24 hours [S2].");
            assertThat(written.citedSourceIds()).containsExactly("S1", "S2");
            assertThat(written.writer()).isEqualTo("llm");
        });
    }

    @Test
    void citesOnlyTheSourcesItActuallyUsed() {
        server.answer(FakeOpenAiServer.reply("The link works for 24 hours [S2]."));

        assertThat(writer.write(question("How long is the link valid?", RESET, LINK)))
                .hasValueSatisfying(written -> assertThat(written.citedSourceIds()).containsExactly("S2"));
    }

    @Test
    void requestCarriesTheSourcesTheLanguageTheNameAndTheConversation() {
        server.answer(FakeOpenAiServer.reply("Giriş sayfasında \"Şifremi unuttum\"u seçin [S1]."));
        String longText = "Step one. ".repeat(400) + "TAIL-THAT-MUST-NOT-BE-SENT";
        Source longSource = new Source("S3", "a2", "long", "Long article", "/help/en/long", "", longText);
        Source fifth = new Source("S5", "a4", "other", "Fifth article", "/help/en/other", "Intro", "FIFTH-SOURCE-TEXT");
        Source fourth = new Source("S4", "a3", "billing", "Billing", "/help/en/billing", "Invoices", "Invoices are monthly.");
        AnswerRequest request = new AnswerRequest("Şifremi nasıl sıfırlarım?",
                List.of(new Turn("customer", "Merhaba"), new Turn("bot", "Merhaba! Size nasıl yardımcı olabilirim?")),
                List.of(RESET, LINK, longSource, fourth, fifth), "tr", "Ayşe");

        assertThat(writer.write(request)).isPresent();

        FakeOpenAiServer.Recorded sent = server.onlyRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.authorization()).isEqualTo("Bearer test-key");
        assertThat(sent.body().get("model").asString()).isEqualTo("test-model");
        assertThat(sent.body().get("temperature").asDouble()).isEqualTo(0.0);
        assertThat(sent.body().get("max_tokens").asInt()).isEqualTo(400);

        String system = sent.content("system");
        assertThat(system)
                .contains("[S1] Reset your password — Forgotten password\n" + RESET.text())
                .contains("[S2] Reset your password — Reset link\n" + LINK.text())
                .contains("[S3] Long article\nStep one.")
                .contains("[S4] Billing — Invoices\nInvoices are monthly.")
                .contains("ONLY the numbered sources", "NO_ANSWER", "120 words", "Reply in Turkish", "Ayşe");
        // only max-sources (4) sources, each cut to a sane length
        assertThat(sent.allContent()).doesNotContain("FIFTH-SOURCE-TEXT", "[S5]", "TAIL-THAT-MUST-NOT-BE-SENT");
        assertThat(system.length()).isLessThan(6000);

        String user = sent.content("user");
        assertThat(user).contains("context only", "Customer: Merhaba", "Parley (bot): Merhaba! Size nasıl",
                "Şifremi nasıl sıfırlarım?", "Turkish");
    }

    @Test
    void answerWithoutCitationsIsDiscarded() {
        server.answer(FakeOpenAiServer.reply("Just click Forgot password, it is easy."));

        assertThat(writer.write(question("How do I reset my password?", RESET, LINK))).isEmpty();
    }

    @Test
    void answerCitingASourceItWasNotGivenIsDiscarded() {
        server.answer(FakeOpenAiServer.reply("Choose Forgot password [S1]. Support is open 24/7 [S9]."));

        assertThat(writer.write(question("How do I reset my password?", RESET, LINK))).isEmpty();
    }

    @Test
    void sourcesBeyondMaxSourcesAreNotGivenSoCitingThemIsDiscarded() {
        LlmAnswerWriter twoSources = writer(new AssistantProperties.Llm("openai", server.baseUrl(), "test-model", "k",
                GENEROUS, null, null, 1, 0, 1));
        server.answer(FakeOpenAiServer.reply("It works for 24 hours [S2]."));

        assertThat(twoSources.write(question("How long is the link valid?", RESET, LINK))).isEmpty();
        assertThat(server.onlyRequest().allContent()).doesNotContain(LINK.text());
    }

    @Test
    void noAnswerSentinelIsEmpty() {
        server.answer(FakeOpenAiServer.reply("NO_ANSWER"));
        assertThat(writer.write(question("Can I pay with crypto?", RESET, LINK))).isEmpty();

        // models sometimes decorate the sentinel; it still means "no answer", even next to a citation
        server.answer(FakeOpenAiServer.reply("NO_ANSWER. The sources do not mention crypto [S1]."));
        assertThat(writer.write(question("Can I pay with crypto?", RESET, LINK))).isEmpty();
    }

    @Test
    void combinedCitationsAreNormalisedToOneMarkerPerSource() {
        server.answer(FakeOpenAiServer.reply("Use the emailed link within 24 hours [S1, s2]."));

        assertThat(writer.write(question("Reset?", RESET, LINK))).hasValueSatisfying(written -> {
            assertThat(written.text()).isEqualTo("Use the emailed link within 24 hours [S1][S2].");
            assertThat(written.citedSourceIds()).containsExactly("S1", "S2");
        });
    }

    @Test
    void theModelSeesSourcesInOrderAndCitationsComeBackUnderTheCallersIds() {
        Source third = new Source("S3", "a1", "reset-password", "Reset your password", "/x", "Reset link", LINK.text());
        Source seventh = new Source("S7", "a1", "reset-password", "Reset your password", "/x", "Forgotten", RESET.text());
        server.answer(FakeOpenAiServer.reply("It works for 24 hours [S1]. We email it [S2]."));

        assertThat(writer.write(question("Reset?", third, seventh))).hasValueSatisfying(written -> {
            assertThat(written.text()).isEqualTo("It works for 24 hours [S3]. We email it [S7].");
            assertThat(written.citedSourceIds()).containsExactly("S3", "S7");
        });
        assertThat(server.onlyRequest().content("system")).contains("[S1] Reset your password — Reset link");
    }

    @Test
    void replyCutOffAtTheTokenLimitIsDiscarded() {
        server.answer(FakeOpenAiServer.completion("Choose Forgot password [S1] and then", "length"));

        assertThat(writer.write(question("How do I reset my password?", RESET, LINK))).isEmpty();
    }

    @Test
    void withoutSourcesTheModelIsNotAsked() {
        assertThat(writer.write(question("How do I reset my password?"))).isEmpty();
        Source blank = new Source("S1", "a", "s", "Empty", "/x", "", "  ");
        assertThat(writer.write(question("How do I reset my password?", blank))).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void serverErrorIsEmpty() {
        server.answer(FakeOpenAiServer.status(500));

        assertThat(writer.write(question("How do I reset my password?", RESET, LINK))).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void unreachableServerIsEmpty() {
        String nobody = server.baseUrl();
        server.close();
        LlmAnswerWriter offline = writer(config(nobody, GENEROUS, 1));

        assertThat(offline.write(question("How do I reset my password?", RESET, LINK))).isEmpty();
    }

    @Test
    void serverThatNeverAnswersIsEmptyWithinTheTimeout() {
        LlmAnswerWriter writer = writer(config(server.baseUrl(), TIMEOUT, 1));
        server.answer(server.hang());

        long started = System.nanoTime();
        Optional<WrittenAnswer> answer = writer.write(question("How do I reset my password?", RESET, LINK));

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void serverThatStallsAfterTheHeadersIsEmptyWithinTheTimeoutAndFreesItsSlot() {
        // the HTTP client's timeout ends at the response headers; only the outer deadline ends a stalled body
        LlmAnswerWriter writer = writer(config(server.baseUrl(), TIMEOUT, 1));
        server.answer(server.stallAfterHeaders());

        long started = System.nanoTime();
        Optional<WrittenAnswer> answer = writer.write(question("How do I reset my password?", RESET, LINK));

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(1));

        // one slot (max-concurrent 1): the abandoned call must have let it go for the next one to be answered
        server.answer(FakeOpenAiServer.reply("Choose Forgot password [S1]."));
        assertThat(writer.write(question("How do I reset my password?", RESET, LINK))).isPresent();
    }

    @Test
    void ollamaNeedsNoKeyButAModel() {
        LlmAnswerWriter ollama = writer(new AssistantProperties.Llm("ollama", server.baseUrl(), "llama3.1:8b", null,
                GENEROUS, null, null, null, 0, null));
        server.answer(FakeOpenAiServer.reply("Choose Forgot password [S1]."));

        assertThat(ollama.write(question("How do I reset my password?", RESET))).isPresent();
        assertThat(server.onlyRequest().body().get("model").asString()).isEqualTo("llama3.1:8b");

        assertThatThrownBy(() -> LlmClient.create(new AssistantProperties.Llm("ollama", server.baseUrl(), null, null,
                null, null, null, null, null, null))).hasMessageContaining("parley.assistant.llm.model");
        assertThatThrownBy(() -> LlmClient.create(new AssistantProperties.Llm("gemini", server.baseUrl(), "m", null,
                null, null, null, null, null, null))).hasMessageContaining("openai or ollama");
    }
}
