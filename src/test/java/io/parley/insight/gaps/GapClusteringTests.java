package io.parley.insight.gaps;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapClusteringTests {

    @Test
    void aQuestionJoinsTheClosestGroupAboveTheThresholdOnly() {
        GapClustering.Cluster a = cluster(1, 0, 0);
        GapClustering.Cluster b = cluster(0, 1, 0);
        List<GapClustering.Cluster> clusters = List.of(a, b);

        assertThat(GapClustering.nearest(unit(0.9f, 0.3f, 0), clusters, 0.8)).contains(a);
        assertThat(GapClustering.nearest(unit(0.3f, 0.9f, 0), clusters, 0.8)).contains(b);
        assertThat(GapClustering.nearest(unit(0.6f, 0.6f, 0.5f), clusters, 0.8)).isEmpty();
    }

    @Test
    void aGroupThatMovedCloseToAnotherMergesWithIt() {
        // two early paraphrases slightly too far apart, then a third between them pulls one centroid over
        GapClustering.Cluster first = cluster(1, 0, 0);
        GapClustering.Cluster second = new GapClustering.Cluster(UUID.randomUUID(),
                GapVectors.add(unit(0.6f, 0.8f, 0), unit(0.7f, 0.7f, 0)), 2);
        assertThat(GapClustering.mergeable(first, List.of(first, second), 0.8)).isEmpty();

        GapClustering.Cluster grown = new GapClustering.Cluster(first.id(), GapVectors.add(first.sum(), unit(0.8f, 0.6f, 0)), 2);
        assertThat(GapClustering.mergeable(grown, List.of(first, second), 0.8)).containsExactly(second);
    }

    @Test
    void lexicalVectorsGroupParaphrasesInLanguagesWithoutAnEmbeddingModel() {
        float[] q1 = GapVectors.lexical("Karanlık mod var mı?");
        float[] q2 = GapVectors.lexical("Karanlık modu nasıl açarım?");
        float[] other = GapVectors.lexical("Jira entegrasyonu var mı?");
        assertThat(GapVectors.cosine(q1, q2)).isGreaterThan(0.45);
        assertThat(GapVectors.cosine(q1, other)).isLessThan(0.45);
        assertThat(GapVectors.cosine(q2, other)).isLessThan(0.45);
        assertThat(GapVectors.cosine(q1, q1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void vectorsSurviveTheirByteForm() {
        float[] v = { 0.25f, -1.5f, 3.0e-7f, 42f };
        assertThat(GapVectors.floats(GapVectors.bytes(v))).containsExactly(v);
        assertThat(GapVectors.language("pt-BR")).isEqualTo("pt");
        assertThat(GapVectors.language(null)).isEqualTo("en");
    }

    private static GapClustering.Cluster cluster(float... v) {
        return new GapClustering.Cluster(UUID.randomUUID(), unit(v), 1);
    }

    private static float[] unit(float... v) {
        return GapVectors.unit(v);
    }
}
