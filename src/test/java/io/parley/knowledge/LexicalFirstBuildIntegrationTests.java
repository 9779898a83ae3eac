package io.parley.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.ParleyIntegrationTest;
import io.parley.assistant.calibration.EvidenceFeatures;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.QueryEmbeddingCache;
import io.parley.knowledge.index.SearchResult;
import io.parley.support.Api;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first build with a model whose embedding is slow (here: it waits on a latch) does not hold the application up:
 * the context starts, every article is searchable by BM25, health says {@code ready-lexical} and the gauge counts the
 * passages still without vectors; once the model may run, the vectors are filled in the background, the index is
 * {@code complete} and searches are hybrid.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.knowledge.embedding.inline-limit=0")
@Import(LexicalFirstBuildIntegrationTests.SlowModelConfiguration.class)
class LexicalFirstBuildIntegrationTests {

    /** A deterministic bag-of-words model whose background calls wait until the test opens the latch. */
    static final class LatchedModel implements EmbeddingModel {
        static final int DIM = 64;
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (Thread.currentThread().getName().equals("knowledge-vectors")) {
                try {
                    if (!latch.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("latch never opened");
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return Response.from(segments.stream().map(s -> Embedding.from(vector(s.text()))).toList());
        }

        static float[] vector(String text) {
            float[] v = new float[DIM];
            for (String w : text.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
                if (w.length() > 2) {
                    v[Math.floorMod(w.hashCode(), DIM)] += 1;
                }
            }
            v[0] += 0.01f;
            double n = 0;
            for (float f : v) {
                n += f * f;
            }
            for (int i = 0; i < DIM; i++) {
                v[i] /= (float) Math.sqrt(n);
            }
            return v;
        }

        @Override
        public int dimension() {
            return DIM;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowModelConfiguration {

        @Bean
        LatchedModel latchedModel() {
            return new LatchedModel();
        }

        /** Like the application's options, with the slow model behind the PostgreSQL store and the question cache. */
        @Bean
        @Primary
        IndexOptions slowModelOptions(LatchedModel model, JdbcTemplate jdbc) {
            // a model id of its own: no vector of it is in the shared database yet, as after a model change
            String modelId = "latched-" + UUID.randomUUID();
            StoredEmbeddings stored = new StoredEmbeddings(model, modelId, jdbc);
            EmbeddingSupport embedding = new EmbeddingSupport(new QueryEmbeddingCache(stored, 100, true), modelId,
                    Set.of("en"), "", "");
            return IndexOptions.of(embedding).withInlineEmbedLimit(0);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeSearch search;

    @Autowired
    LatchedModel model;

    @Autowired
    MeterRegistry meters;

    @Test
    void theKnowledgeBaseIsSearchableLexicallyAtOnceAndHybridAfterTheBackgroundFilledTheVectors() {
        Api api = new Api(port);

        // the context is up although the model has not embedded a single passage
        SearchResult lexical = search.search("How do I reset my password?", "en", 3);
        assertThat(lexical.hits().get(0).slug()).isEqualTo("resetting-your-password");
        assertThat(lexical.vectorsPending()).isTrue();
        assertThat(lexical.hits().get(0).evidence().vectorsPending()).isTrue();
        assertThat(lexical.hits().get(0).evidence().vectorRank()).isZero();
        assertThat(EvidenceFeatures.family(lexical)).as("judged by its lexical evidence").isEqualTo(EvidenceFeatures.Family.LEXICAL);
        JsonNode searched = api.get("/api/search?q=" + encode("two-factor authentication") + "&locale=en", null).json();
        assertThat(searched.get("hits").get(0).get("slug").asString()).isEqualTo("two-factor-authentication");

        JsonNode health = api.get("/actuator/health/knowledge", null).json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode details = health.get("components").get("knowledgeIndex").get("details");
        assertThat(details.get("state").asString()).isEqualTo(KnowledgeIndexHealth.READY_LEXICAL);
        assertThat(details.get("pendingPassages").asInt()).isPositive();
        assertThat(meters.get("parley.knowledge.index.vectors.pending").gauge().value()).isPositive();
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);

        model.latch.countDown();
        Awaitility.await("vectors filled").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> KnowledgeIndexHealth.COMPLETE.equals(
                        api.get("/actuator/health/knowledge", null).json().get("components").get("knowledgeIndex")
                                .get("details").get("state").asString()));

        assertThat(meters.get("parley.knowledge.index.vectors.pending").gauge().value()).isZero();
        SearchResult hybrid = search.search("How do I reset my password?", "en", 3);
        assertThat(hybrid.vectorsPending()).isFalse();
        assertThat(hybrid.hits().get(0).slug()).isEqualTo("resetting-your-password");
        assertThat(hybrid.hits()).anySatisfy(h -> assertThat(h.evidence().vectorRank()).isPositive());
        assertThat(hybrid.hits()).allSatisfy(h -> assertThat(h.evidence().vectorsPending()).isFalse());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
