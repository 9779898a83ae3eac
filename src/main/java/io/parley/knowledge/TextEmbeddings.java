package io.parley.knowledge;

import java.util.Optional;

import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;

import org.springframework.stereotype.Service;

/**
 * The knowledge module's embedding model for other modules, e.g. to group customer questions by meaning. It is the
 * model the search index uses, so questions are compared the way articles are found.
 */
@Service
public class TextEmbeddings {

    private final EmbeddingSupport embedding;

    TextEmbeddings(IndexOptions options) {
        this.embedding = options.embedding();
    }

    /**
     * The text as a unit-length vector, when the model understands {@code locale}; empty otherwise (no model, or a
     * language it does not cover: its vectors would be noise).
     */
    public Optional<float[]> embed(String text, String locale) {
        if (text == null || text.isBlank() || !embedding.covers(locale == null ? "en" : locale)) {
            return Optional.empty();
        }
        float[] v = embedding.model().embed(embedding.queryPrefix() + text).content().vector();
        return Optional.of(normalized(v));
    }

    /** Identifies model and version: vectors of different models must not be compared. */
    public String modelId() {
        return embedding.modelId();
    }

    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
