package io.parley.knowledge.index;

/**
 * The raw signals behind one article hit, for calibrating the answer / hand-off decision. Ranks are 1-based among
 * articles; 0 means the article was not retrieved by that method.
 *
 * @param bm25Rank           rank of the article in the lexical (BM25) list, 0 if absent
 * @param bm25Score          BM25 score of the article's best passage (title and section fields included), 0 if absent
 * @param bm25TopScore       BM25 score of the best article for this query, for relative comparisons
 * @param vectorRank         rank of the article in the vector list, 0 if absent or no vectors for this locale
 * @param cosine             cosine similarity between the query and the article's closest passage, NaN if absent
 * @param queryTermCoverage  share of the distinct analysed query terms found in the best passage (with its titles)
 * @param titleTermCoverage  share of the distinct analysed query terms found in the article title
 * @param queryTerms         number of distinct analysed query terms (after stop words and stemming)
 * @param matchingPassages   how many of the article's passages were retrieved by either method
 * @param weightedCoverage   like queryTermCoverage, but each term weighted by its IDF over the locale's articles, so
 *                           missing a rare, specific word counts more than missing a common one
 * @param unseenTerms        analysed query terms that no article of the locale contains at all
 * @param titleCosine        cosine similarity between the query and the article's title, NaN without vectors
 * @param rareCoverage       share of the IDF mass of the query's {@value HitEvidence#RARE} rarest known terms found
 *                           in the passage (with its titles): the distinctive word of a question names its topic, and
 *                           a neighbouring article usually lacks exactly that word
 * @param bigramCoverage     share of the query's adjacent term pairs found adjacent in the passage (with its titles),
 *                           NaN for a one-term query: phrases match where bags of words only overlap
 * @param sentenceCoverage   the best single sentence's IDF-weighted coverage of the query: an answer sits in one
 *                           place, while a loosely related passage spreads the words over many sentences
 * @param vectorsPending     the model covers the locale but this article's vectors are still being computed (a
 *                           lexical-first build): it can have no vector evidence yet (rank 0, cosine NaN), so a
 *                           decision must judge it by its lexical evidence, as for a language without vectors
 */
public record SearchEvidence(int bm25Rank, float bm25Score, float bm25TopScore, int vectorRank, float cosine,
                             float queryTermCoverage, float titleTermCoverage, int queryTerms, int matchingPassages,
                             float weightedCoverage, int unseenTerms, float titleCosine, float rareCoverage,
                             float bigramCoverage, float sentenceCoverage, boolean vectorsPending) {

    /** Evidence of an article whose vectors are not pending. */
    public SearchEvidence(int bm25Rank, float bm25Score, float bm25TopScore, int vectorRank, float cosine,
                          float queryTermCoverage, float titleTermCoverage, int queryTerms, int matchingPassages,
                          float weightedCoverage, int unseenTerms, float titleCosine, float rareCoverage,
                          float bigramCoverage, float sentenceCoverage) {
        this(bm25Rank, bm25Score, bm25TopScore, vectorRank, cosine, queryTermCoverage, titleTermCoverage, queryTerms,
                matchingPassages, weightedCoverage, unseenTerms, titleCosine, rareCoverage, bigramCoverage,
                sentenceCoverage, false);
    }

    /** Evidence without the answerability signals (retrievers and tests that do not compute them). */
    public SearchEvidence(int bm25Rank, float bm25Score, float bm25TopScore, int vectorRank, float cosine,
                          float queryTermCoverage, float titleTermCoverage, int queryTerms, int matchingPassages,
                          float weightedCoverage, int unseenTerms, boolean vectorsPending) {
        this(bm25Rank, bm25Score, bm25TopScore, vectorRank, cosine, queryTermCoverage, titleTermCoverage, queryTerms,
                matchingPassages, weightedCoverage, unseenTerms, Float.NaN, weightedCoverage, Float.NaN, weightedCoverage,
                vectorsPending);
    }

    /** Evidence without the answerability signals, vectors not pending. */
    public SearchEvidence(int bm25Rank, float bm25Score, float bm25TopScore, int vectorRank, float cosine,
                          float queryTermCoverage, float titleTermCoverage, int queryTerms, int matchingPassages,
                          float weightedCoverage, int unseenTerms) {
        this(bm25Rank, bm25Score, bm25TopScore, vectorRank, cosine, queryTermCoverage, titleTermCoverage, queryTerms,
                matchingPassages, weightedCoverage, unseenTerms, false);
    }

    /** Evidence without the term-weight signals (retrievers that do not compute them). */
    public SearchEvidence(int bm25Rank, float bm25Score, float bm25TopScore, int vectorRank, float cosine,
                          float queryTermCoverage, float titleTermCoverage, int queryTerms, int matchingPassages) {
        this(bm25Rank, bm25Score, bm25TopScore, vectorRank, cosine, queryTermCoverage, titleTermCoverage, queryTerms,
                matchingPassages, queryTermCoverage, 0);
    }
}
