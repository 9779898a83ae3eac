package io.parley.knowledge.bench;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/** For tuning runs only: embeds just the first {@code chars} characters of passage texts (those with a title line). */
final class TruncatingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    private final int chars;

    TruncatingEmbeddingModel(EmbeddingModel delegate, int chars) {
        this.delegate = delegate;
        this.chars = chars;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return delegate.embedAll(segments.stream().map(s -> TextSegment.from(cut(s.text()))).toList());
    }

    private String cut(String text) {
        if (chars <= 0 || text.indexOf('\n') < 0 || text.length() <= chars) {
            return text;
        }
        int end = text.lastIndexOf(' ', chars);
        return text.substring(0, end > 0 ? end : chars);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }
}
