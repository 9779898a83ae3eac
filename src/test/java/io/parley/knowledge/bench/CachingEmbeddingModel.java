package io.parley.knowledge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/** For tuning runs only: remembers embeddings by text so that several configurations reuse them. */
final class CachingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    private final Map<String, Embedding> cache = new ConcurrentHashMap<>();

    CachingEmbeddingModel(EmbeddingModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<TextSegment> missing = segments.stream().filter(s -> !cache.containsKey(s.text())).distinct().toList();
        if (!missing.isEmpty()) {
            List<Embedding> computed = delegate.embedAll(missing).content();
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i).text(), computed.get(i));
            }
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        segments.forEach(s -> out.add(cache.get(s.text())));
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }
}
