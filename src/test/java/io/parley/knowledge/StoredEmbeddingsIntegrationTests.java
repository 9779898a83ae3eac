package io.parley.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Passage vectors live in PostgreSQL by model and content hash: no node, rebuild or restart embeds a text twice. */
@ParleyIntegrationTest
class StoredEmbeddingsIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    /** Records what it embeds; vectors are a deterministic function of the text, as a real model's are. */
    static final class RecordingModel implements EmbeddingModel {
        final List<String> embedded = new ArrayList<>();

        @Override
        public synchronized Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                embedded.add(s.text());
                out.add(Embedding.from(new float[] {s.text().length(), s.text().hashCode(), 0.5f}));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 3;
        }
    }

    @Test
    void aSecondNodeOrARestartEmbedsOnlyTextsNobodyEmbeddedBefore() {
        String model = "test-model-" + UUID.randomUUID();
        RecordingModel firstModel = new RecordingModel();
        StoredEmbeddings first = new StoredEmbeddings(firstModel, model, jdbc);

        List<Embedding> a = first.embedAll(segments("alpha passage", "beta passage", "alpha passage")).content();

        assertThat(firstModel.embedded).containsExactly("alpha passage", "beta passage");
        assertThat(a.get(0).vector()).isEqualTo(a.get(2).vector());

        // a fresh instance on the same database: another node, or this one after a restart with its index lost
        RecordingModel secondModel = new RecordingModel();
        StoredEmbeddings second = new StoredEmbeddings(secondModel, model, jdbc);
        List<Embedding> b = second.embedAll(segments("beta passage", "gamma passage", "alpha passage")).content();

        assertThat(secondModel.embedded).containsExactly("gamma passage");
        assertThat(b.get(0).vector()).isEqualTo(a.get(1).vector());
        assertThat(b.get(2).vector()).isEqualTo(a.get(0).vector());
        assertThat(second.reused()).isEqualTo(2);
        assertThat(second.embedded()).isEqualTo(1);
        assertThat(second.pending()).isZero();
    }

    @Test
    void anotherModelDoesNotReuseTheVectorsAndQuestionsAreNotStored() {
        String model = "test-model-" + UUID.randomUUID();
        new StoredEmbeddings(new RecordingModel(), model, jdbc).embedAll(segments("shared text"));

        RecordingModel other = new RecordingModel();
        StoredEmbeddings otherModel = new StoredEmbeddings(other, model + "-v2", jdbc);
        otherModel.embedAll(segments("shared text"));
        otherModel.embed("a customer question");
        otherModel.embedAll(segments("a customer question"));

        assertThat(other.embedded).containsExactly("shared text", "a customer question", "a customer question");
        assertThat(jdbc.queryForObject("select count(*) from embedding_vector where model like ?", Integer.class, model + "%"))
                .isEqualTo(3);
    }

    @Test
    void theApplicationStoresTheKnowledgeBasesPassageVectorsAndReportsProgress() {
        // the context's start-up rebuild embedded the sample knowledge base through the store
        assertThat(jdbc.queryForObject("select count(*) from embedding_vector where model = 'bge-small-en-v1.5-q'", Integer.class))
                .isPositive();
        double embedded = meters.get("parley.knowledge.embedding.embedded").gauge().value();
        double reused = meters.get("parley.knowledge.embedding.reused").gauge().value();
        assertThat(embedded + reused).isPositive();
        assertThat(meters.get("parley.knowledge.embedding.pending").gauge().value()).isZero();
    }

    private static List<TextSegment> segments(String... texts) {
        return java.util.Arrays.stream(texts).map(TextSegment::from).toList();
    }
}
