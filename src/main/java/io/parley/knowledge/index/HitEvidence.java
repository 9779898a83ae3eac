package io.parley.knowledge.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;

/**
 * What a hit shows and what it is judged by: the snippet of its best passage and the lexical evidence (coverage of
 * the query's terms, plain and IDF-weighted, and terms no article contains). One instance serves one query: the
 * query's terms and their weights are computed once for all its hits.
 */
final class HitEvidence {

    static final int SNIPPET_CHARS = 240;
    /** How many of the query's rarest known terms make its "distinctive" part ({@link SearchEvidence#rareCoverage}). */
    static final int RARE = 2;

    private final Analyzer analyzer;
    private final Set<String> queryTerms;
    private final Map<String, Double> idf;
    private final Map<String, Double> rareIdf;
    private final Set<String> bigrams;
    private final int unseen;

    HitEvidence(IndexSearcher searcher, Analyzer analyzer, String locale, List<String> terms) throws IOException {
        this.analyzer = analyzer;
        this.queryTerms = new HashSet<>(terms);
        this.idf = termWeights(searcher, LocaleAnalyzers.field(IndexSchema.F_ARTICLE, locale), queryTerms);
        this.unseen = (int) idf.values().stream().filter(w -> w.isNaN()).count();
        this.rareIdf = new HashMap<>();
        idf.entrySet().stream().filter(e -> !e.getValue().isNaN())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(RARE).forEach(e -> rareIdf.put(e.getKey(), e.getValue()));
        this.bigrams = new HashSet<>();
        for (int i = 1; i < terms.size(); i++) {
            bigrams.add(terms.get(i - 1) + ' ' + terms.get(i));
        }
    }

    /** The passage's lexical evidence and snippet, for a hit whose retrieval signals are already known. */
    Judged judge(String title, String section, String text) {
        // Each sentence is analysed once: its terms serve both the coverage signal and the snippet choice.
        List<String> sentences = TextNormalizer.sentences(text, SNIPPET_CHARS);
        List<Set<String>> sentenceTerms = new ArrayList<>(sentences.size());
        Set<String> passageBigrams = new HashSet<>();
        float bestSentence = 0;
        for (String sentence : sentences) {
            List<String> seq = sequence(sentence);
            addBigrams(seq, passageBigrams);
            Set<String> terms = new HashSet<>(seq);
            sentenceTerms.add(terms);
            bestSentence = Math.max(bestSentence, weightedCoverage(idf, terms));
        }
        List<String> titleSeq = sequence(title);
        List<String> sectionSeq = sequence(section);
        addBigrams(titleSeq, passageBigrams);
        addBigrams(sectionSeq, passageBigrams);
        Set<String> titleTerms = new HashSet<>(titleSeq);
        Set<String> passageTerms = new HashSet<>(titleTerms);
        passageTerms.addAll(sectionSeq);
        sentenceTerms.forEach(passageTerms::addAll);
        float bigramCoverage = bigrams.isEmpty() ? Float.NaN : coverage(bigrams, passageBigrams);
        return new Judged(coverage(queryTerms, passageTerms), coverage(queryTerms, titleTerms), queryTerms.size(),
                weightedCoverage(idf, passageTerms), unseen, weightedCoverage(rareIdf, passageTerms), bigramCoverage,
                bestSentence, snippet(sentences, sentenceTerms, queryTerms));
    }

    /** The lexical part of a {@link SearchEvidence}, and the snippet. */
    record Judged(float queryTermCoverage, float titleTermCoverage, int queryTerms, float weightedCoverage,
                  int unseenTerms, float rareCoverage, float bigramCoverage, float sentenceCoverage, String snippet) {
    }

    /** The analysed terms of a text in order, repeats kept (for adjacency). */
    private List<String> sequence(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream("q", text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static void addBigrams(List<String> seq, Set<String> out) {
        for (int i = 1; i < seq.size(); i++) {
            out.add(seq.get(i - 1) + ' ' + seq.get(i));
        }
    }

    /**
     * IDF of each query term over the locale's whole-article field; NaN for a term no article contains (such a term
     * says the question is about something the knowledge base never mentions, so it is counted apart).
     */
    private static Map<String, Double> termWeights(IndexSearcher searcher, String field, Set<String> terms)
            throws IOException {
        var reader = searcher.getIndexReader();
        int n = Math.max(1, reader.getDocCount(field));
        Map<String, Double> weights = new HashMap<>();
        for (String t : terms) {
            int df = reader.docFreq(new Term(field, t));
            weights.put(t, df == 0 ? Double.NaN : Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return weights;
    }

    /** Share of the query's IDF mass (terms the knowledge base knows) found in the text. */
    private static float weightedCoverage(Map<String, Double> idf, Set<String> text) {
        double all = 0;
        double found = 0;
        for (Map.Entry<String, Double> e : idf.entrySet()) {
            if (e.getValue().isNaN()) {
                continue;
            }
            all += e.getValue();
            if (text.contains(e.getKey())) {
                found += e.getValue();
            }
        }
        return all == 0 ? 0f : (float) (found / all);
    }

    private static float coverage(Set<String> query, Set<String> text) {
        if (query.isEmpty()) {
            return 0f;
        }
        int n = 0;
        for (String t : query) {
            if (text.contains(t)) {
                n++;
            }
        }
        return (float) n / query.size();
    }

    /** The sentence of the passage sharing most query terms, extended with the following ones up to ~240 characters. */
    static String snippet(List<String> sentences, List<Set<String>> sentenceTerms, Set<String> queryTerms) {
        if (sentences.isEmpty()) {
            return "";
        }
        int best = 0;
        int bestOverlap = -1;
        for (int i = 0; i < sentences.size(); i++) {
            int overlap = 0;
            for (String t : sentenceTerms.get(i)) {
                if (queryTerms.contains(t)) {
                    overlap++;
                }
            }
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = i;
            }
        }
        StringBuilder sb = new StringBuilder(sentences.get(best));
        for (int i = best + 1; i < sentences.size() && sb.length() + sentences.get(i).length() < SNIPPET_CHARS; i++) {
            sb.append(' ').append(sentences.get(i));
        }
        String s = sb.toString();
        if (s.length() <= SNIPPET_CHARS) {
            return s;
        }
        int cut = s.lastIndexOf(' ', SNIPPET_CHARS);
        return s.substring(0, cut > 0 ? cut : SNIPPET_CHARS) + " …";
    }
}
