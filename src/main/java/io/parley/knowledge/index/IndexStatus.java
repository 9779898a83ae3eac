package io.parley.knowledge.index;

/** What was found in an index directory when it was opened. */
public enum IndexStatus {
    /** No index there yet: an empty one was created; rebuild it from the article store. */
    MISSING,
    /** A usable index built with the same schema, analyzers and embedding model. */
    READY,
    /** An index built with another schema or embedding model: it was cleared; rebuild it. */
    STALE,
    /** The index could not be read (damaged files): it was cleared; rebuild it. */
    CORRUPT;

    public boolean needsRebuild() {
        return this != READY;
    }
}
