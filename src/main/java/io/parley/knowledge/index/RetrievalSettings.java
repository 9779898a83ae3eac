package io.parley.knowledge.index;

/**
 * Tuning of hybrid retrieval. The defaults were chosen on the wixqa set and checked to be robust (see
 * docs/BENCHMARKS.md); they are generic (no per-question or per-domain rule).
 *
 * @param fusion          how lexical and vector rankings are combined
 * @param rrfK            the k of reciprocal rank fusion: larger flattens the difference between ranks
 * @param lexicalWeight   weight of the BM25 list in the fusion
 * @param vectorWeight    weight of the vector list in the fusion
 * @param titleBoost      BM25 boost of the article title field relative to passage text
 * @param sectionBoost    BM25 boost of the section title field relative to passage text
 * @param candidates      passages retrieved per method before aggregation into articles
 * @param defaultLocale   locale searched when the query's locale has no hits
 */
public record RetrievalSettings(Fusion fusion, int rrfK, double lexicalWeight, double vectorWeight, float titleBoost,
                                float sectionBoost, int candidates, String defaultLocale) {

    public enum Fusion {
        /** Reciprocal rank fusion: sum of weight / (k + rank). */
        RRF,
        /** Weighted sum of BM25 normalised by the query's best score and cosine similarity rescaled per query. */
        BLEND
    }

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(Fusion.RRF, 60, 1.0, 1.0, 2.0f, 1.5f, 100, "en");
    }

    public RetrievalSettings withFusion(Fusion f, double lexicalWeight, double vectorWeight) {
        return new RetrievalSettings(f, rrfK, lexicalWeight, vectorWeight, titleBoost, sectionBoost, candidates, defaultLocale);
    }

    public RetrievalSettings withRrfK(int k) {
        return new RetrievalSettings(fusion, k, lexicalWeight, vectorWeight, titleBoost, sectionBoost, candidates, defaultLocale);
    }

    public RetrievalSettings withBoosts(float title, float section) {
        return new RetrievalSettings(fusion, rrfK, lexicalWeight, vectorWeight, title, section, candidates, defaultLocale);
    }

    public RetrievalSettings withDefaultLocale(String locale) {
        return new RetrievalSettings(fusion, rrfK, lexicalWeight, vectorWeight, titleBoost, sectionBoost, candidates, locale);
    }
}
