package io.parley.knowledge.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * Remembers the embeddings of single texts (customer questions) in a bounded least-recently-used map, in front of any
 * embedding model. Support questions repeat ("how do I reset my password"), and one question is embedded by several
 * readers of the same message (the search, the content-gap grouping): the query embedding is most of a bot reply's
 * CPU time, so a repeat should not pay for it again.
 * <p>
 * Only {@link #embed(String)} is cached. Batches ({@link #embedAll}) are passage texts of an index build: each is
 * embedded once and stored in the index, so caching them would only push the questions out.
 * <p>
 * The key is the text with runs of whitespace collapsed and trimmed, and lower-cased when the model's tokenizer
 * lower-cases anyway (uncased BERT models such as bge-small-en and all-MiniLM). Both are exactly what the tokenizer
 * does first, so a cached vector is the vector the model would have computed; case-sensitive models (remote ones)
 * keep the case in the key.
 */
public final class QueryEmbeddingCache implements EmbeddingModel, StoredVectorLookup {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final EmbeddingModel delegate;
    private final boolean caseInsensitive;
    private final int capacity;
    private final Map<String, Embedding> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param delegate        the model that computes a vector on a miss
     * @param capacity        how many texts are remembered (about 1.6 KB each for 384 dimensions); 0 disables
     * @param caseInsensitive whether the model's tokenizer lower-cases its input
     */
    public QueryEmbeddingCache(EmbeddingModel delegate, int capacity, boolean caseInsensitive) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
        }
        this.delegate = delegate;
        this.capacity = capacity;
        this.caseInsensitive = caseInsensitive;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Embedding> eldest) {
                return size() > QueryEmbeddingCache.this.capacity;
            }
        };
    }

    @Override
    public Response<Embedding> embed(String text) {
        if (capacity == 0) {
            return delegate.embed(text);
        }
        String key = key(text);
        Embedding cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null) {
            hits.increment();
            return Response.from(cached);
        }
        misses.increment();
        // computed outside the lock: two threads missing on the same new text both embed it (rare, harmless), but
        // a slow embedding never holds up the hits
        Response<Embedding> computed = delegate.embed(text);
        synchronized (entries) {
            entries.put(key, computed.content());
        }
        return computed;
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return embed(segment.text());
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return delegate.embedAll(segments);
    }

    /** Passes the lookup through to the model's store, if it has one (questions are not stored there). */
    @Override
    public Map<String, float[]> storedVectors(java.util.Collection<String> texts) {
        return delegate instanceof StoredVectorLookup store ? store.storedVectors(texts) : Map.of();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** The wrapped model (batch embedding goes straight to it). */
    public EmbeddingModel delegate() {
        return delegate;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    String key(String text) {
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ").trim();
        return caseInsensitive ? collapsed.toLowerCase(Locale.ROOT) : collapsed;
    }
}
