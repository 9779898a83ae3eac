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
}
