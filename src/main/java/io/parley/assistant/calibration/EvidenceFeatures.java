package io.parley.assistant.calibration;

import java.util.List;

import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;

/**
 * The retrieval features of a search's top hit that the calibrator is fitted on. Mostly scale-free or per-query
 * relative signals: raw BM25 scores move with the domain and the article length, so they enter relative to the
 * query's best and as margins over the runner-up. Two families with their own coefficients: {@link Family#VECTOR}
 * when the embedding model covers the language (cosine, its gap to the runner-up and its spread over the top hits
 * carry most of the signal), {@link Family#LEXICAL} when it does not (coverage of the question's terms carries it).
 */
public final class EvidenceFeatures {

    /** Which model applies: whether vector evidence exists for the top hit. */
    public enum Family {
        VECTOR, LEXICAL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Retrieval evidence every family has: fused and BM25 margins, coverage of the query's terms, lengths, hits. */
    public static final List<String> LEXICAL_BASE = List.of("fused_margin", "coverage", "weighted_coverage", "title_coverage",
            "unseen_share", "passages", "bm25_margin", "coverage_gap", "weighted_coverage_gap", "query_terms",
            "passage_length", "second_agrees", "hits", "alone");

    /**
     * Each family keeps the answerability signals that carried across sets leave-one-set-out (docs/BENCHMARKS.md,
     * {@code AnswerabilityFeatureBenchmark}): for both, the query's phrases in the passage and its best sentence; for
     * the lexical family also the coverage of the rarest terms and its gap to the other hits. The cosine to the
     * article's title is computed (when titles are embedded) but left out: it did not carry across the English sets.
     */
    static final List<String> LEXICAL_NAMES = concat(LEXICAL_BASE, List.of("rare_coverage", "rare_coverage_gap",
            "bigram_coverage", "sentence_coverage"));

    static final List<String> VECTOR_ONLY = List.of("cosine", "cosine_gap", "cosine_spread", "lists_agree",
            "bm25_relative", "title_cosine", "title_cosine_gap");

    static final List<String> VECTOR_NAMES = concat(concat(VECTOR_ONLY.subList(0, 5), LEXICAL_BASE),
            List.of("bigram_coverage", "sentence_coverage"));

    /** Every feature computed, in the union of the families' orders (for analysis of candidates). */
    static final List<String> ALL_NAMES = java.util.stream.Stream.of(VECTOR_ONLY, LEXICAL_NAMES).flatMap(List::stream)
            .distinct().toList();

    /**
     * Hits counted for the "hits" feature: a question whose left-out article was the only good match often has just
     * one or two weak hits left, while a lone hit with full coverage ("alone") is a strong answer. Capped at five, the
     * depth the calibration data was recorded with.
     */
    static final int MAX_HITS = 5;

    private EvidenceFeatures() {
    }

    public static List<String> names(Family family) {
        return family == Family.VECTOR ? VECTOR_NAMES : LEXICAL_NAMES;
    }

    /** The family of a result's top hit; null when there is no hit. */
    public static Family family(SearchResult result) {
        if (result.hits().isEmpty()) {
            return null;
        }
        return hasVector(result.hits().get(0)) ? Family.VECTOR : Family.LEXICAL;
    }

    /** Features of the top hit in its {@link #family}, or null when there is no hit (nothing to answer from). */
    public static double[] of(SearchResult result) {
        Family family = family(result);
        return family == null ? null : of(result, family);
    }

    static double[] of(SearchResult result, Family family) {
        java.util.Map<String, Double> all = named(result, family);
        List<String> names = names(family);
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(names.get(i));
        }
        return out;
    }

    /** Every feature of the top hit by name; the vector ones only for {@link Family#VECTOR}. */
    public static java.util.Map<String, Double> named(SearchResult result, Family family) {
        List<ArticleHit> hits = result.hits();
        ArticleHit best = hits.get(0);
        ArticleHit second = hits.size() > 1 ? hits.get(1) : null;
        SearchEvidence e = best.evidence();
        SearchEvidence s = second == null ? null : second.evidence();
        double margin = second == null || best.score() <= 0 ? 1 : (best.score() - second.score()) / best.score();
        double unseen = e.queryTerms() == 0 ? 0 : Math.min(1, (double) e.unseenTerms() / e.queryTerms());
        double bm25Margin = e.bm25Score() <= 0 ? 0 : s == null ? 1 : Math.max(-1, (e.bm25Score() - s.bm25Score()) / e.bm25Score());
        double coverageGap = nz(e.queryTermCoverage()) - (s == null ? 0 : nz(s.queryTermCoverage()));
        double weightedGap = nz(e.weightedCoverage()) - (s == null ? 0 : nz(s.weightedCoverage()));
        double passageLength = Math.log1p(best.passage() == null ? 0 : best.passage().length()) / Math.log(2000);
        // a runner-up from the same lexical and vector ranks (both lists put it second) makes the top hit less distinct
        double secondAgrees = s != null && s.bm25Rank() > 0 && s.bm25Rank() <= 2 && (s.vectorRank() == 0 || s.vectorRank() <= 2) ? 1 : 0;
        // answerability: does the top passage itself hold the question's distinctive words, its phrases, in one place?
        double rare = nz(e.rareCoverage());
        double otherRare = 0;
        for (ArticleHit h : hits.subList(1, Math.min(MAX_HITS, hits.size()))) {
            otherRare = Math.max(otherRare, nz(h.evidence().rareCoverage()));
        }
        double bigram = Float.isNaN(e.bigramCoverage()) ? nz(e.queryTermCoverage()) : e.bigramCoverage();
        double[] lexical = {margin, nz(e.queryTermCoverage()), nz(e.weightedCoverage()), nz(e.titleTermCoverage()), unseen,
                Math.log1p(e.matchingPassages()), bm25Margin, coverageGap, weightedGap, Math.log1p(e.queryTerms()),
                passageLength, secondAgrees, Math.log1p(Math.min(MAX_HITS, hits.size())), second == null ? 1 : 0,
                rare, rare - otherRare, bigram, nz(e.sentenceCoverage())};
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (int i = 0; i < lexical.length; i++) {
            out.put(LEXICAL_NAMES.get(i), lexical[i]);
        }
        if (family == Family.LEXICAL) {
            return out;
        }
        double cosine = e.cosine();
        double secondCosine = s != null && hasVector(second) ? s.cosine() : cosine - 0.2;
        double last = cosine;
        for (ArticleHit h : hits.subList(0, Math.min(5, hits.size()))) {
            if (hasVector(h)) {
                last = Math.min(last, h.evidence().cosine());
            }
        }
        if (hits.size() < 5) {
            last = Math.min(last, cosine - 0.2);
        }
        double bm25Relative = e.bm25TopScore() > 0 ? e.bm25Score() / e.bm25TopScore() : 0;
        double agree = e.bm25Rank() == 1 && e.vectorRank() == 1 ? 1 : 0;
        // the title says what an article is about: a neighbour of the missing article matches the passage words, not
        // the question's topic
        double title = Float.isNaN(e.titleCosine()) ? cosine : e.titleCosine();
        double otherTitle = title - 0.2;
        for (ArticleHit h : hits.subList(1, Math.min(MAX_HITS, hits.size()))) {
            if (!Float.isNaN(h.evidence().titleCosine())) {
                otherTitle = Math.max(otherTitle, h.evidence().titleCosine());
            }
        }
        double[] vector = {cosine, cosine - secondCosine, cosine - last, agree, bm25Relative, title, title - otherTitle};
        for (int i = 0; i < vector.length; i++) {
            out.put(VECTOR_ONLY.get(i), vector[i]);
        }
        return out;
    }

    private static boolean hasVector(ArticleHit hit) {
        return hit.evidence().vectorRank() > 0 && !Float.isNaN(hit.evidence().cosine());
    }

    private static double nz(float v) {
        return Float.isNaN(v) ? 0 : v;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
