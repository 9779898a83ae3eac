package io.parley.knowledge.index;

import java.util.List;

/**
 * The outcome of one search.
 *
 * @param query          the query text as given
 * @param requestedLocale the locale the query was asked in
 * @param searchedLocale the locale whose articles were searched (the default locale when the requested one had no hits)
 * @param fellBack       whether the search fell back to the default locale
 * @param vectorsUsed    whether vector retrieval took part (the model covers the searched locale)
 * @param hits           articles, best first
 * @param tookNanos      time spent, including the query embedding
 * @param vectorsPending whether some articles of the searched locale were still searchable by BM25 only (their
 *                       vectors being filled in the background); their hits say so in
 *                       {@link SearchEvidence#vectorsPending()}
 */
public record SearchResult(String query, String requestedLocale, String searchedLocale, boolean fellBack,
                           boolean vectorsUsed, List<ArticleHit> hits, long tookNanos, boolean vectorsPending) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** A result from an index whose vectors are complete. */
    public SearchResult(String query, String requestedLocale, String searchedLocale, boolean fellBack,
                        boolean vectorsUsed, List<ArticleHit> hits, long tookNanos) {
        this(query, requestedLocale, searchedLocale, fellBack, vectorsUsed, hits, tookNanos, false);
    }

    public boolean isEmpty() {
        return hits.isEmpty();
    }
}
