package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/** A deterministic bag-of-words "embedding" for tests: fast, and similar texts get similar vectors. */
final class HashingEmbeddingModel implements EmbeddingModel {

    static final int DIM = 64;
    int calls;
    int embedded;

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        calls++;
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            embedded++;
            float[] v = new float[DIM];
            for (String w : s.text().toLowerCase(Locale.ROOT).split("\\W+")) {
                if (w.length() > 2) {
                    v[Math.floorMod(w.hashCode(), DIM)] += 1;
                }
            }
            v[0] += 0.01f; // never a zero vector
            double n = 0;
            for (float f : v) {
                n += f * f;
            }
            for (int i = 0; i < DIM; i++) {
                v[i] /= (float) Math.sqrt(n);
            }
            out.add(Embedding.from(v));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return DIM;
    }
}
