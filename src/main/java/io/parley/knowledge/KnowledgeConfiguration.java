package io.parley.knowledge;

import java.util.Set;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.QueryEmbeddingCache;
import io.parley.knowledge.index.RetrievalSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which embedding model the index uses, from {@code parley.knowledge.embedding.*}. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    @Bean
    KnowledgeIndex.Options knowledgeIndexOptions(KnowledgeProperties properties) {
        return KnowledgeIndex.Options.of(embedding(properties.embedding()))
                .withRetrieval(RetrievalSettings.defaults().withDefaultLocale(properties.defaultLocale()));
    }

    static EmbeddingSupport embedding(KnowledgeProperties.Embedding config) {
        return switch (config.model().toLowerCase()) {
            case "none" -> EmbeddingSupport.none();
            case "openai", "ollama" -> {
                // Ollama serves the OpenAI embeddings API under /v1, so one client covers both
                EmbeddingModel model = dev.langchain4j.model.openai.OpenAiEmbeddingModel.builder()
                        .baseUrl(config.baseUrl()).modelName(config.modelName())
                        .apiKey(config.apiKey() == null || config.apiKey().isBlank() ? "none" : config.apiKey()).build();
                // remote models are case-sensitive: the cache keeps the case
                yield new EmbeddingSupport(new QueryEmbeddingCache(model, config.queryCacheSize(), false),
                        config.model() + ":" + config.modelName(),
                        config.languages().isEmpty() ? Set.of("*") : config.languages(), "", "");
            }
            // bge's tokenizer lower-cases, so "Reset password" and "reset password" share one cached vector
            case "bge-small-en-v15-q" -> EmbeddingSupport.bgeSmallEn(
                    new QueryEmbeddingCache(SharedModels.bgeSmallEn(), config.queryCacheSize(), true));
            case "all-minilm-l6-v2-q" -> EmbeddingSupport.miniLm(
                    new QueryEmbeddingCache(SharedModels.miniLm(), config.queryCacheSize(), true));
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
