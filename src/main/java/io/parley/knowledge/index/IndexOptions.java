package io.parley.knowledge.index;

/**
 * How a {@link KnowledgeIndex} splits, embeds and ranks.
 *
 * @param embedding         model for vectors (or {@link EmbeddingSupport#none()})
 * @param splitter          how article bodies become passages
 * @param retrieval         fusion and boosts
 * @param inlineEmbedLimit  a write that has at most this many texts to embed (none of the stores has them) embeds
 *                          them before it returns, as one step; a larger one (a first build, a model change, a bulk
 *                          import) is searchable by BM25 at once and gets its vectors in the background
 *                          ({@link KnowledgeIndex#vectorProgress()}). Default: unlimited (every write is complete when it returns)
 */
public record IndexOptions(EmbeddingSupport embedding, PassageSplitter splitter, RetrievalSettings retrieval,
                      int inlineEmbedLimit) {
    public IndexOptions {
        embedding = embedding == null ? EmbeddingSupport.none() : embedding;
        splitter = splitter == null ? new PassageSplitter() : splitter;
        retrieval = retrieval == null ? RetrievalSettings.defaults() : retrieval;
        if (inlineEmbedLimit < 0) {
            throw new IllegalArgumentException("inlineEmbedLimit must be >= 0");
        }
    }

    public IndexOptions(EmbeddingSupport embedding, PassageSplitter splitter, RetrievalSettings retrieval) {
        this(embedding, splitter, retrieval, Integer.MAX_VALUE);
    }

    public static IndexOptions of(EmbeddingSupport embedding) {
        return new IndexOptions(embedding, null, null);
    }

    public IndexOptions withRetrieval(RetrievalSettings r) {
        return new IndexOptions(embedding, splitter, r, inlineEmbedLimit);
    }

    public IndexOptions withSplitter(PassageSplitter s) {
        return new IndexOptions(embedding, s, retrieval, inlineEmbedLimit);
    }

    public IndexOptions withInlineEmbedLimit(int limit) {
        return new IndexOptions(embedding, splitter, retrieval, limit);
    }
}
