package io.parley.knowledge.index;

/**
 * Tuning of hybrid retrieval. Four ranked lists of articles are fused; a weight of 0 switches a list off:
 * <ul>
 *   <li>passage BM25: the article's best passage (text + its section title + the article title, boosted);</li>
 *   <li>article BM25: title and whole body as one field (catches questions whose words are spread over sections);</li>
 *   <li>passage vectors: cosine between the query and the article's closest passage;</li>
 *   <li>title vectors: cosine between the query and the article title (help-centre titles name the task a
 *       customer asks about, in few words, so they embed cleanly).</li>
 * </ul>
 * The defaults were chosen on the wixqa set (see docs/BENCHMARKS.md); they are generic (no per-question or
 * per-domain rule), and the lists are weighted evenly within each family rather than fitted finely.
 *
 * @param fusion          how the rankings are combined
 * @param rrfK            the k of reciprocal rank fusion: larger flattens the difference between ranks
 * @param passageLexical  weight of passage BM25
 * @param articleLexical  weight of article BM25
 * @param passageVector   weight of passage vectors
 * @param titleVector     weight of title vectors
 * @param titleBoost      BM25 boost of the article title field relative to passage text
 * @param sectionBoost    BM25 boost of the section title (and tags) field relative to passage text
 * @param candidates      passages (articles for the article-level lists) retrieved per list before fusion
 * @param defaultLocale   locale searched when the query's locale has no hits
 */
public record RetrievalSettings(Fusion fusion, int rrfK, double passageLexical, double articleLexical,
                                double passageVector, double titleVector, float titleBoost, float sectionBoost,
                                int candidates, String defaultLocale) {

    public enum Fusion {
        /** Reciprocal rank fusion: sum of weight / (k + rank). */
        RRF,
        /**
         * Weighted sum of per-query normalised scores: BM25 divided by the query's best BM25, cosine rescaled between
         * the worst and best candidate of the query. Unlike RRF it keeps how far apart the candidates are.
         */
        BLEND
    }

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(Fusion.BLEND, 60, 1.0, 0.0, 1.0, 0.0, 2.0f, 1.5f, 100, "en");
    }

    public RetrievalSettings withFusion(Fusion f) {
        return new RetrievalSettings(f, rrfK, passageLexical, articleLexical, passageVector, titleVector, titleBoost,
                sectionBoost, candidates, defaultLocale);
    }

    public RetrievalSettings withWeights(double passageLexical, double articleLexical, double passageVector,
                                        double titleVector) {
        return new RetrievalSettings(fusion, rrfK, passageLexical, articleLexical, passageVector, titleVector, titleBoost,
                sectionBoost, candidates, defaultLocale);
    }

    public RetrievalSettings withRrfK(int k) {
        return new RetrievalSettings(fusion, k, passageLexical, articleLexical, passageVector, titleVector, titleBoost,
                sectionBoost, candidates, defaultLocale);
    }

    public RetrievalSettings withBoosts(float title, float section) {
        return new RetrievalSettings(fusion, rrfK, passageLexical, articleLexical, passageVector, titleVector, title,
                section, candidates, defaultLocale);
    }

    public RetrievalSettings withDefaultLocale(String locale) {
        return new RetrievalSettings(fusion, rrfK, passageLexical, articleLexical, passageVector, titleVector, titleBoost,
                sectionBoost, candidates, locale);
    }
}
