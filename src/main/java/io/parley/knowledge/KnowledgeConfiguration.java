package io.parley.knowledge;

import java.util.Set;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.QueryEmbeddingCache;
import io.parley.knowledge.index.RetrievalSettings;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which embedding model the index uses, from {@code parley.knowledge.embedding.*}, with the question cache and the
 * PostgreSQL passage-vector store in front of it.
 */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    @Bean
    IndexOptions knowledgeIndexOptions(KnowledgeProperties properties, JdbcTemplate jdbc,
            ObjectProvider<MeterRegistry> meters) {
        EmbeddingSupport embedding = embedding(properties.embedding());
        if (embedding.enabled()) {
            // questions: remembered in memory; passages: stored in PostgreSQL by model and content hash
            KnowledgeProperties.Embedding config = properties.embedding();
            StoredEmbeddings stored = new StoredEmbeddings(embedding.model(), embedding.modelId(), jdbc);
            boolean uncased = !config.model().equalsIgnoreCase("openai") && !config.model().equalsIgnoreCase("ollama");
            embedding = new EmbeddingSupport(new QueryEmbeddingCache(stored, config.queryCacheSize(), uncased),
                    embedding.modelId(), embedding.languages(), embedding.queryPrefix(), embedding.passagePrefix());
            MeterRegistry registry = meters.getIfAvailable();
            if (registry != null) {
                Gauge.builder("parley.knowledge.embedding.pending", stored, StoredEmbeddings::pending)
                        .description("passage texts waiting to be embedded by index builds in progress").register(registry);
                Gauge.builder("parley.knowledge.embedding.embedded", stored, StoredEmbeddings::embedded)
                        .description("passage texts this node embedded since it started").register(registry);
                Gauge.builder("parley.knowledge.embedding.reused", stored, StoredEmbeddings::reused)
                        .description("passage texts found already embedded in PostgreSQL").register(registry);
            }
        }
        return IndexOptions.of(embedding)
                .withRetrieval(RetrievalSettings.defaults().withDefaultLocale(properties.defaultLocale()))
                .withInlineEmbedLimit(properties.embedding().inlineLimit());
    }

    /** The configured model itself, without the stores in front of it (those need the database). */
    static EmbeddingSupport embedding(KnowledgeProperties.Embedding config) {
        return switch (config.model().toLowerCase()) {
            case "none" -> EmbeddingSupport.none();
            case "openai", "ollama" -> {
                // Ollama serves the OpenAI embeddings API under /v1, so one client covers both
                EmbeddingModel model = dev.langchain4j.model.openai.OpenAiEmbeddingModel.builder()
                        .baseUrl(config.baseUrl()).modelName(config.modelName())
                        .apiKey(config.apiKey() == null || config.apiKey().isBlank() ? "none" : config.apiKey()).build();
                yield new EmbeddingSupport(model, config.model() + ":" + config.modelName(),
                        config.languages().isEmpty() ? Set.of("*") : config.languages(), "", "");
            }
            case "bge-small-en-v15-q" -> EmbeddingSupport.bgeSmallEn(SharedModels.bgeSmallEn());
            case "all-minilm-l6-v2-q" -> EmbeddingSupport.miniLm(SharedModels.miniLm());
            default -> throw new IllegalArgumentException("parley.knowledge.embedding.model must be bge-small-en-v15-q, "
                    + "all-minilm-l6-v2-q, openai, ollama or none, not " + config.model());
        };
    }

    /**
     * The in-process model takes a second to load and is thread-safe: one per JVM, shared by every context. Batch
     * embedding (rebuilds, imports) is spread over two threads.
     */
    static final class SharedModels {
        private static EmbeddingModel bge;
        private static EmbeddingModel miniLm;
        private static java.util.concurrent.ExecutorService pool;

        static synchronized EmbeddingModel bgeSmallEn() {
            if (bge == null) {
                bge = new io.parley.knowledge.index.BgeSmallEnQuantized(pool());
            }
            return bge;
        }

        static synchronized EmbeddingModel miniLm() {
            if (miniLm == null) {
                miniLm = new io.parley.knowledge.index.MiniLmL6Quantized(pool());
            }
            return miniLm;
        }

        private static java.util.concurrent.ExecutorService pool() {
            if (pool == null) {
                pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "parley-embed");
                    t.setDaemon(true);
                    return t;
                });
            }
            return pool;
        }
    }
}
