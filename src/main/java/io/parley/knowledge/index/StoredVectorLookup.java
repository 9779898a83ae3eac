package io.parley.knowledge.index;

import java.util.Collection;
import java.util.Map;

/**
 * An embedding model with a store of the vectors it computed before (e.g. in PostgreSQL, by model and content
 * hash), which can be asked without embedding anything: a lexical-first build indexes at once what is stored and
 * leaves only the rest to the background.
 */
public interface StoredVectorLookup {

    /** The stored vectors of these texts, by text; texts without one are absent from the result. */
    Map<String, float[]> storedVectors(Collection<String> texts);
}
