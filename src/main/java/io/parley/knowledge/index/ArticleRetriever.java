package io.parley.knowledge.index;

/** Anything that ranks published articles for a question: the hybrid index, or the plain BM25 baseline. */
public interface ArticleRetriever {

    /**
     * @param query  the customer's question
     * @param locale the question's locale (e.g. "en", "tr", "pt-BR"); null means the default locale
     * @param limit  maximum number of article hits
     */
    SearchResult search(String query, String locale, int limit);
}
