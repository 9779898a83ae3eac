package io.parley.knowledge.index;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryEmbeddingCacheTests {

    /** Records every text it is asked to embed; the vector encodes the call number so reuse is visible. */
    static final class CountingModel implements EmbeddingModel {
        final List<String> embedded = new ArrayList<>();

        @Override
        public synchronized Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                embedded.add(s.text());
                out.add(Embedding.from(new float[] {embedded.size(), s.text().length()}));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 2;
        }
    }

    @Test
    void aRepeatedQuestionIsEmbeddedOnceEvenWithOtherCaseAndSpacing() {
        CountingModel model = new CountingModel();
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 100, true);

        float[] first = cache.embed("How do I reset my password?").content().vector();
        float[] again = cache.embed("  how do I   reset my\tPassword? ").content().vector();

        assertThat(model.embedded).containsExactly("How do I reset my password?");
        assertThat(again).isEqualTo(first);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aCaseSensitiveModelKeepsTheCaseInTheKey() {
        CountingModel model = new CountingModel();
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 100, false);

        cache.embed("Reset password");
        cache.embed("reset password");
        cache.embed("reset  password");

        assertThat(model.embedded).containsExactly("Reset password", "reset password");
    }

    @Test
    void theLeastRecentlyUsedQuestionIsDroppedWhenFull() {
        CountingModel model = new CountingModel();
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 2, true);

        cache.embed("a");
        cache.embed("b");
        cache.embed("a"); // a is now the most recently used
        cache.embed("c"); // evicts b
        cache.embed("a");
        cache.embed("b");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(model.embedded).containsExactly("a", "b", "c", "b");
    }

    @Test
    void batchesGoStraightToTheModelAndAreNotRemembered() {
        CountingModel model = new CountingModel();
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 100, true);

        List<Embedding> batch = cache.embedAll(List.of(TextSegment.from("passage one"), TextSegment.from("passage two"))).content();
        cache.embed("passage one");

        assertThat(batch).hasSize(2);
        assertThat(model.embedded).containsExactly("passage one", "passage two", "passage one");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void capacityZeroTurnsTheCacheOff() {
        CountingModel model = new CountingModel();
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 0, true);

        cache.embed("same");
        cache.embed("same");

        assertThat(model.embedded).containsExactly("same", "same");
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new QueryEmbeddingCache(model, -1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
