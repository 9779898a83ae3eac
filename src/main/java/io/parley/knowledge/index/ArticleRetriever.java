package io.parley.knowledge.index;

/** Anything that ranks published articles for a question: the hybrid index, or the plain BM25 baseline. */
public interface ArticleRetriever {

    /**
     * @param query  the customer's question
     * @param locale the question's locale (e.g. "en", "tr", "pt-BR"); null means the default locale
     * @param limit  maximum number of article hits
     */
    SearchResult search(String query, String locale, int limit);

    /**
     * The search as if these articles were not in the knowledge base (the eval's leave-gold-out questions). This
     * default drops them from a deeper result; the hybrid index leaves them out of the search itself, so the other
     * articles' scores are what they would be without them.
     */
    default SearchResult searchWithout(String query, String locale, int limit, java.util.Set<String> excludedArticleIds) {
        SearchResult r = search(query, locale, limit + excludedArticleIds.size());
        java.util.List<ArticleHit> kept = r.hits().stream().filter(h -> !excludedArticleIds.contains(h.articleId()))
                .limit(limit).toList();
        return new SearchResult(r.query(), r.requestedLocale(), r.searchedLocale(), r.fellBack(), r.vectorsUsed(), kept,
                r.tookNanos(), r.vectorsPending());
    }
}
