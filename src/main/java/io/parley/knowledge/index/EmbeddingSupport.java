package io.parley.knowledge.index;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * The embedding model used for vector retrieval, and which languages it understands. Articles in other languages
 * get no vectors and are found by their language's analyzer alone: an English-only model maps Turkish or Persian
 * text to near-arbitrary vectors, which would add noise rather than recall.
 *
 * @param model         any LangChain4j embedding model, or null for none (BM25 only)
 * @param modelId       identifies model and version; stored in the index so a model change triggers a rebuild
 * @param languages     language codes (e.g. "en") the model covers; "*" means all
 * @param queryPrefix   text put before a query before embedding (asymmetric models such as bge and e5 are trained
 *                      with an instruction on the query side), "" for none
 * @param passagePrefix text put before a passage before embedding, "" for none
 */
public record EmbeddingSupport(EmbeddingModel model, String modelId, Set<String> languages, String queryPrefix,
                               String passagePrefix) {

    /** The instruction bge-*-en-v1.5 models were trained with for short queries that retrieve passages. */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    public EmbeddingSupport {
        languages = languages == null ? Set.of()
                : languages.stream().map(LocaleAnalyzers::language).collect(Collectors.toUnmodifiableSet());
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
        if (model != null) {
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    /** No vectors: lexical retrieval only. */
    public static EmbeddingSupport none() {
        return new EmbeddingSupport(null, "none", Set.of(), "", "");
    }

    /**
     * The default: bge-small-en-v1.5, quantized, running in process (ONNX), English only. The executor spreads batch
     * embedding over threads (null: the calling thread); see {@link BgeSmallEnQuantized} for why not LangChain4j's
     * own {@link BgeSmallEnV15QuantizedEmbeddingModel} class (either can be passed to {@link #bgeSmallEn(EmbeddingModel)}).
     */
    public static EmbeddingSupport bgeSmallEn(Executor executor) {
        return bgeSmallEn(new BgeSmallEnQuantized(executor == null ? Runnable::run : executor));
    }

    /**
     * Wraps an already loaded bge-small-en-v1.5 model (it is thread-safe; share one per JVM).
     * <p>
     * Queries are embedded without {@link #BGE_QUERY_INSTRUCTION}: bge v1.5 was trained to work without it, the
     * instruction targets short keyword queries, and customer questions are full sentences. On wixqa the instruction
     * cost 1.3 points of hit@1 (0.831 vs 0.844, docs/BENCHMARKS.md).
     */
    public static EmbeddingSupport bgeSmallEn(EmbeddingModel model) {
        return new EmbeddingSupport(model, "bge-small-en-v1.5-q", Set.of("en"), "", "");
    }

    /** The in-process models, by their configuration name ({@code parley.knowledge.embedding.model}). */
    public static final java.util.List<String> IN_PROCESS_MODELS = java.util.List.of("bge-small-en-v15-q", "all-minilm-l6-v2-q");

    /**
     * An in-process model by its configuration name, spreading batches over {@code executor} (null: the calling
     * thread); null for a name that is not one of {@link #IN_PROCESS_MODELS}.
     */
    public static EmbeddingSupport inProcess(String name, Executor executor) {
        Executor ex = executor == null ? Runnable::run : executor;
        return switch (name) {
            case "bge-small-en-v15-q" -> bgeSmallEn(new BgeSmallEnQuantized(ex));
            case "all-minilm-l6-v2-q" -> miniLm(new MiniLmL6Quantized(ex));
            default -> null;
        };
    }

    /**
     * Wraps an already loaded all-MiniLM-L6-v2 model: English, no instruction on either side (sentence-transformers
     * models are symmetric).
     */
    public static EmbeddingSupport miniLm(EmbeddingModel model) {
        return new EmbeddingSupport(model, "all-minilm-l6-v2-q", Set.of("en"), "", "");
    }

    public boolean enabled() {
        return model != null;
    }

    public boolean covers(String locale) {
        return model != null && (languages.contains("*") || languages.contains(LocaleAnalyzers.language(locale)));
    }
}
