package io.parley.assistant.decision;

import java.util.ArrayList;
import java.util.List;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;

/**
 * Decides whether the bot may answer from the top article, should ask which of two or three articles the customer
 * means, or must say it does not know. The signals are ones that generalise across knowledge bases rather than raw
 * scores of one set:
 * <ul>
 * <li>semantic closeness of the question and the best passage (cosine), where the embedding model covers the
 * language;</li>
 * <li>distinctiveness: how far the best article stands above the runner-up, both in fused score and in cosine
 * (a question that several articles match equally well is ambiguous, or answered by none of them);</li>
 * <li>for languages without vectors, how much of the question the best passage covers (analysed query terms);</li>
 * <li>words the knowledge base never mentions, and rare (high-IDF) query words missing from the best passage: such a
 * question is often about something next to the article ("Dropbox" beside a Google Drive article), so it needs a
 * closer semantic match before the bot answers.</li>
 * </ul>
 * The thresholds were chosen with the {@code eval} command on labelled sets with and without unanswerable
 * questions (see docs/BENCHMARKS.md) for at most 5% wrong answers; they are one fixed setting, not per set.
 */
public final class ConfidencePolicy implements EvidencePolicy {

    /**
     * @param minCosine the best passage must be at least this close to the question (vector languages)
     * @param minCosineGap the best article's cosine must exceed the runner-up's by this much
     * @param minScoreMargin relative fused-score margin of the best article over the runner-up
     * @param minLexicalCoverage share of query terms the best passage must contain (languages without vectors)
     * @param minLexicalMargin relative fused-score margin for languages without vectors
     * @param clarifyCosine an alternative is offered in a clarifying question from this cosine (vector languages)
     * @param clarifyCoverage an alternative is offered from this query-term coverage (languages without vectors)
     * @param unseenTermCosine the cosine needed when the question has a word no article contains
     * @param minWeightedCoverage below this IDF-weighted query coverage of the best passage ...
     * @param lowCoverageCosine ... the cosine needed is this one
     */
    public record Thresholds(double minCosine, double minCosineGap, double minScoreMargin, double minLexicalCoverage,
            double minLexicalMargin, double clarifyCosine, double clarifyCoverage, double unseenTermCosine,
            double minWeightedCoverage, double lowCoverageCosine) {

        public static Thresholds calibrated() {
            return new Thresholds(0.70, 0.01, 0.0, 0.70, 0.30, 0.72, 0.50, 0.78, 0.30, 0.80);
        }
    }

    private static final int MAX_OPTIONS = 3;

    private final Thresholds thresholds;

    public ConfidencePolicy(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public static ConfidencePolicy calibrated() {
        return new ConfidencePolicy(Thresholds.calibrated());
    }

    @Override
    public Decision decide(String query, SearchResult result) {
        List<ArticleHit> hits = result.hits();
        if (hits.isEmpty()) {
            return new HandOff("missing_knowledge");
        }
        ArticleHit best = hits.get(0);
        ArticleHit second = hits.size() > 1 ? hits.get(1) : null;
        if (confident(best, second)) {
            return new Answered(best);
        }
        List<ArticleHit> options = new ArrayList<>();
        for (ArticleHit hit : hits) {
            if (options.size() < MAX_OPTIONS && plausible(hit)) {
                options.add(hit);
            }
        }
        // one plausible article the policy is not sure of is still worth a "is this what you mean?"
        return options.isEmpty() ? new HandOff("missing_knowledge") : new Clarify(options);
    }

    /** How sure the policy is, 0..1, for logs and the agent's view; only the thresholds decide. */
    @Override
    public double confidence(SearchResult result) {
        if (result.hits().isEmpty()) {
            return 0;
        }
        ArticleHit best = result.hits().get(0);
        ArticleHit second = result.hits().size() > 1 ? result.hits().get(1) : null;
        double margin = margin(best, second);
        SearchEvidence e = best.evidence();
        double closeness = hasVector(best) ? e.cosine() : e.queryTermCoverage();
        return Math.max(0, Math.min(1, 0.6 * closeness + 0.4 * margin));
    }

    private boolean confident(ArticleHit best, ArticleHit second) {
        double margin = margin(best, second);
        SearchEvidence e = best.evidence();
        if (hasVector(best)) {
            double gap = second != null && hasVector(second) ? e.cosine() - second.evidence().cosine() : e.cosine();
            double needed = thresholds.minCosine();
            if (e.unseenTerms() > 0) {
                needed = Math.max(needed, thresholds.unseenTermCosine());
            }
            if (e.weightedCoverage() < thresholds.minWeightedCoverage()) {
                needed = Math.max(needed, thresholds.lowCoverageCosine());
            }
            return e.cosine() >= needed && gap >= thresholds.minCosineGap() && margin >= thresholds.minScoreMargin();
        }
        return e.queryTermCoverage() >= thresholds.minLexicalCoverage() && margin >= thresholds.minLexicalMargin();
    }

    private boolean plausible(ArticleHit hit) {
        return hasVector(hit) ? hit.evidence().cosine() >= thresholds.clarifyCosine()
                : hit.evidence().queryTermCoverage() >= thresholds.clarifyCoverage();
    }

    private static double margin(ArticleHit best, ArticleHit second) {
        if (second == null || best.score() <= 0) {
            return 1;
        }
        return (best.score() - second.score()) / best.score();
    }

    private static boolean hasVector(ArticleHit hit) {
        return hit.evidence().vectorRank() > 0 && !Float.isNaN(hit.evidence().cosine());
    }
}
