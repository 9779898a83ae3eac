package io.parley.insight.gaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Online clustering of questions: a question joins the group whose centroid is closest, if close enough, else it
 * starts a group. A group is kept as the sum of its unit vectors (the sum points where the centroid does), so adding
 * and merging are additions. After a group grows, any other group its centroid has moved close to is merged into it:
 * otherwise two paraphrases that arrived first, slightly too far apart, would stay split forever.
 */
final class GapClustering {

    private GapClustering() {
    }

    record Cluster(UUID id, float[] sum, int size) {
    }

    /** The closest cluster at or above {@code threshold}. */
    static Optional<Cluster> nearest(float[] vector, List<Cluster> clusters, double threshold) {
        Cluster best = null;
        double bestCosine = threshold;
        for (Cluster c : clusters) {
            double cos = GapVectors.cosine(vector, c.sum());
            if (cos >= bestCosine) {
                best = c;
                bestCosine = cos;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Clusters (other than {@code grown}) whose centroid is now within {@code threshold} of {@code grown}'s. */
    static List<Cluster> mergeable(Cluster grown, List<Cluster> clusters, double threshold) {
        List<Cluster> out = new ArrayList<>();
        for (Cluster c : clusters) {
            if (!c.id().equals(grown.id()) && GapVectors.cosine(grown.sum(), c.sum()) >= threshold) {
                out.add(c);
            }
        }
        return out;
    }
}
