package io.parley.knowledge.index;

/**
 * One article found by a search, with the passage that matched best and the evidence for it.
 *
 * @param articleId    the article id given at indexing time
 * @param slug         article slug
 * @param locale       article locale
 * @param title        article title
 * @param url          article URL, or null
 * @param score        fused score (higher is better; comparable within one search only)
 * @param sectionTitle title of the section of the best passage ("" before any heading)
 * @param passage      plain text of the best passage
 * @param snippet      the sentences of the best passage that overlap the query most, at most about 240 characters
 * @param evidence     raw retrieval signals
 */
public record ArticleHit(String articleId, String slug, String locale, String title, String url, double score,
                         String sectionTitle, String passage, String snippet, SearchEvidence evidence) {
}
