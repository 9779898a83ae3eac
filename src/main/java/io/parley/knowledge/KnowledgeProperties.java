package io.parley.knowledge;

import java.nio.file.Path;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the knowledge module ({@code parley.knowledge.*}).
 *
 * @param indexDir where the Lucene index lives; derived data, rebuilt from PostgreSQL when missing or corrupt
 * @param knowledgeBaseDir Markdown articles imported at start-up and by {@code POST /api/articles/import}
 * @param importOnStartup import {@code knowledgeBaseDir} when the application starts
 * @param defaultLocale the locale searched when the customer's locale has no matching article
 * @param articleUrl link to a published article shown with answers, with {locale} and {slug} placeholders; an
 *     article's own source URL wins
 * @param embedding the embedding model for vector retrieval
 */
@ConfigurationProperties("parley.knowledge")
public record KnowledgeProperties(Path indexDir, Path knowledgeBaseDir, Boolean importOnStartup, String defaultLocale,
        String articleUrl, Embedding embedding) {

    public KnowledgeProperties {
        indexDir = indexDir == null ? Path.of("data/index") : indexDir;
        knowledgeBaseDir = knowledgeBaseDir == null ? Path.of("knowledge-base") : knowledgeBaseDir;
        importOnStartup = importOnStartup == null || importOnStartup;
        defaultLocale = defaultLocale == null || defaultLocale.isBlank() ? "en" : defaultLocale;
        articleUrl = articleUrl == null || articleUrl.isBlank() ? "/help/{locale}/{slug}" : articleUrl;
        embedding = embedding == null ? new Embedding(null, null, null, null, null, null, null) : embedding;
    }

    /**
     * @param model {@code bge-small-en-v15-q} (default: in-process, English), {@code openai} or {@code ollama} (any
     *     OpenAI-compatible embeddings endpoint, e.g. a multilingual model served by Ollama), or {@code none} (BM25 only)
     * @param baseUrl the endpoint for openai/ollama, e.g. {@code http://localhost:11434/v1}
     * @param modelName the model name for openai/ollama, e.g. {@code bge-m3}
     * @param apiKey the API key for openai (Ollama ignores it)
     * @param languages languages the model covers; empty means all ({@code *}) for openai/ollama
     * @param queryCacheSize how many question embeddings are remembered (least recently used go first; about
     *     1.6 KB each for 384 dimensions); 0 turns the cache off
     * @param inlineLimit an index write with at most this many passage texts to embed (that PostgreSQL does not
     *     already have for the model) waits for them; a larger one (a first build, a model change, an import of a
     *     large knowledge base) is searchable by BM25 at once and gets its vectors in the background. 256 texts are
     *     ~20 s of bge-small on 2 cores; 0: every build is lexical-first
     */
    public record Embedding(String model, String baseUrl, String modelName, String apiKey, Set<String> languages,
            Integer queryCacheSize, Integer inlineLimit) {
        public Embedding {
            model = model == null || model.isBlank() ? "bge-small-en-v15-q" : model;
            languages = languages == null ? Set.of() : Set.copyOf(languages);
            queryCacheSize = queryCacheSize == null ? 10_000 : queryCacheSize;
            inlineLimit = inlineLimit == null ? 256 : inlineLimit;
            if (inlineLimit < 0) {
                throw new IllegalArgumentException("parley.knowledge.embedding.inline-limit must be >= 0");
            }
            if (queryCacheSize < 0) {
                throw new IllegalArgumentException("parley.knowledge.embedding.query-cache-size must be >= 0");
            }
        }
    }

    String urlFor(String locale, String slug) {
        return articleUrl.replace("{locale}", locale).replace("{slug}", slug);
    }
}
