package io.parley.assistant.calibration;

import java.util.List;

import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;

/**
 * The retrieval features of a search's top hit that the calibrator is fitted on. Only scale-free or per-query
 * relative signals: raw BM25 scores and cosines move with the domain and the embedding model, so they enter as
 * margins over the runner-up and relative to the query's best; a language without vectors gets 0 for the vector
 * features and a flag saying so, so one model serves both.
 */
public final class EvidenceFeatures {

    public static final List<String> NAMES = List.of("has_vector", "cosine", "cosine_gap", "fused_margin",
            "coverage", "weighted_coverage", "title_coverage", "unseen_share", "passages", "bm25_relative", "lists_agree");

    private EvidenceFeatures() {
    }

    /** Features of the top hit, or null when there is no hit (nothing to answer from). */
    public static double[] of(SearchResult result) {
        if (result.hits().isEmpty()) {
            return null;
        }
        ArticleHit best = result.hits().get(0);
        ArticleHit second = result.hits().size() > 1 ? result.hits().get(1) : null;
        SearchEvidence e = best.evidence();
        boolean vector = e.vectorRank() > 0 && !Float.isNaN(e.cosine());
        double cosine = vector ? e.cosine() : 0;
        double secondCosine = second != null && second.evidence().vectorRank() > 0 && !Float.isNaN(second.evidence().cosine())
                ? second.evidence().cosine() : (vector ? cosine - 0.2 : 0);
        double margin = second == null || best.score() <= 0 ? 1 : (best.score() - second.score()) / best.score();
        double unseen = e.queryTerms() == 0 ? 0 : Math.min(1, (double) e.unseenTerms() / e.queryTerms());
        double bm25Relative = e.bm25TopScore() > 0 ? e.bm25Score() / e.bm25TopScore() : 0;
        boolean agree = e.bm25Rank() == 1 && e.vectorRank() == 1;
        return new double[] {vector ? 1 : 0, cosine, vector ? cosine - secondCosine : 0, margin, e.queryTermCoverage(),
                e.weightedCoverage(), e.titleTermCoverage(), unseen, Math.log1p(e.matchingPassages()), bm25Relative,
                agree ? 1 : 0};
    }
}
