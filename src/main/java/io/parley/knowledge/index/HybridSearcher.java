package io.parley.knowledge.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * One hybrid search over a point-in-time searcher: up to four ranked lists (see {@link RetrievalSettings}), each
 * aggregated from passages to articles, fused, and the best articles turned into hits with their evidence.
 */
final class HybridSearcher {

    /** The four ranked lists that are fused. */
    enum Signal {
        PASSAGE_LEXICAL(true, true), ARTICLE_LEXICAL(true, false), PASSAGE_VECTOR(false, true), TITLE_VECTOR(false, false);

        final boolean lexical;
        /** Whether the list's hits are passages (rather than whole articles or titles). */
        final boolean passages;

        Signal(boolean lexical, boolean passages) {
            this.lexical = lexical;
            this.passages = passages;
        }

        double weight(RetrievalSettings rs) {
            return switch (this) {
                case PASSAGE_LEXICAL -> rs.passageLexical();
                case ARTICLE_LEXICAL -> rs.articleLexical();
                case PASSAGE_VECTOR -> rs.passageVector();
                case TITLE_VECTOR -> rs.titleVector();
            };
        }
    }

    /** An article's best match in one list. */
    static final class Match {
        final int doc;
        /** BM25 score or cosine. */
        final float score;
        /** Rank of the matched document among the list's hits. */
        final int passageRank;
        /** Article rank within the list, 1-based. */
        int rank;

        Match(int doc, float score, int passageRank) {
            this.doc = doc;
            this.score = score;
            this.passageRank = passageRank;
        }
    }

    /** Per-article aggregation of the passage-level results. */
    static final class Candidate {
        final String articleId;
        final Map<Signal, Match> matches = new EnumMap<>(Signal.class);
        final Set<Integer> docs = new LinkedHashSet<>();
        /** The article is indexed without its vectors yet (a lexical-first build): no vector list can find it. */
        boolean vectorsPending;
        double fused;

        Candidate(String articleId) {
            this.articleId = articleId;
        }

        Match match(Signal s) {
            return matches.get(s);
        }
    }

    private final IndexOptions options;
    private final LocaleAnalyzers analyzers;

    HybridSearcher(IndexOptions options, LocaleAnalyzers analyzers) {
        this.options = options;
        this.analyzers = analyzers;
    }

    List<ArticleHit> search(IndexSearcher searcher, String query, String locale, int limit, Set<String> excludedArticleIds)
            throws IOException {
        RetrievalSettings rs = options.retrieval();
        Analyzer analyzer = analyzers.forLocale(locale);
        List<String> terms = LexicalQueries.rarest(searcher, locale, LocaleAnalyzers.terms(analyzer, query));
        BooleanQuery.Builder filters = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.F_LANG, LocaleAnalyzers.language(locale))), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.F_PUBLISHED, "true")), BooleanClause.Occur.FILTER);
        for (String id : excludedArticleIds) {
            filters.add(new TermQuery(new Term(IndexSchema.F_ARTICLE_ID, id)), BooleanClause.Occur.MUST_NOT);
        }
        Query filter = filters.build();

        Map<String, Candidate> candidates = new LinkedHashMap<>();
        if (!terms.isEmpty()) {
            if (rs.passageLexical() > 0) {
                collect(searcher, searcher.search(LexicalQueries.passages(terms, locale, filter, rs), rs.candidates()), Signal.PASSAGE_LEXICAL, candidates);
            }
            if (rs.articleLexical() > 0) {
                collect(searcher, searcher.search(LexicalQueries.articles(terms, locale, filter), rs.candidates()), Signal.ARTICLE_LEXICAL, candidates);
            }
        }
        EmbeddingSupport emb = options.embedding();
        float[] q = null;
        boolean vectorSearch = emb.covers(locale) && !query.isBlank() && (rs.passageVector() > 0 || rs.titleVector() > 0);
        if (vectorSearch) {
            q = emb.model().embed(emb.queryPrefix() + query).content().vector();
            if (rs.passageVector() > 0) {
                collect(searcher, searcher.search(new KnnFloatVectorQuery(IndexSchema.F_VECTOR, q, rs.candidates(), filter), rs.candidates()),
                        Signal.PASSAGE_VECTOR, candidates);
            }
            if (rs.titleVector() > 0) {
                collect(searcher, searcher.search(new KnnFloatVectorQuery(IndexSchema.F_TITLE_VECTOR, q, rs.candidates(), filter), rs.candidates()),
                        Signal.TITLE_VECTOR, candidates);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Candidate> all = new ArrayList<>(candidates.values());
        Map<Signal, float[]> ranges = rankAndRange(all);
        fuse(all, ranges, rs, vectorSearch);
        all.sort(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparing(c -> c.articleId));
        return hits(searcher, all.subList(0, Math.min(limit, all.size())), analyzer, locale, terms,
                ranges.get(Signal.PASSAGE_LEXICAL)[1], q);
    }

    /**
     * Ranks the candidates within each list and returns each list's {floor, top} score: BM25 is normalised by the
     * best score alone (0 stays "no match"); cosines have no natural zero, so they are rescaled between the worst and
     * the best candidate of this query.
     */
    private static Map<Signal, float[]> rankAndRange(List<Candidate> all) {
        Map<Signal, float[]> ranges = new EnumMap<>(Signal.class);
        for (Signal s : Signal.values()) {
            List<Match> ranked = all.stream().map(c -> c.match(s)).filter(m -> m != null)
                    .sorted(Comparator.comparingDouble((Match m) -> -m.score)).toList();
            for (int r = 0; r < ranked.size(); r++) {
                ranked.get(r).rank = r + 1;
            }
            float top = ranked.isEmpty() ? 0 : ranked.get(0).score;
            float floor = s.lexical || ranked.isEmpty() ? 0 : ranked.get(ranked.size() - 1).score;
            ranges.put(s, new float[] {floor, top});
        }
        return ranges;
    }

    /**
     * Sums each candidate's weighted, normalised list scores. An article still waiting for its vectors cannot be in the
     * vector lists, so its lexical part is scaled up to the full weight, as if its vector lists agreed with the lexical
     * ones: the neutral guess; a missing vector must not sink an article below a worse one that has vectors.
     */
    private static void fuse(List<Candidate> all, Map<Signal, float[]> ranges, RetrievalSettings rs, boolean vectorSearch) {
        double lexicalWeight = 0;
        double totalWeight = 0;
        for (Signal s : Signal.values()) {
            if (s.lexical || vectorSearch) {
                totalWeight += s.weight(rs);
            }
            lexicalWeight += s.lexical ? s.weight(rs) : 0;
        }
        double pendingScale = vectorSearch && lexicalWeight > 0 ? totalWeight / lexicalWeight : 1;
        for (Candidate c : all) {
            double f = 0;
            for (Map.Entry<Signal, Match> e : c.matches.entrySet()) {
                double w = e.getKey().weight(rs);
                if (w == 0) {
                    continue;
                }
                double floor = ranges.get(e.getKey())[0];
                double top = ranges.get(e.getKey())[1];
                Match m = e.getValue();
                f += switch (rs.fusion()) {
                    case RRF -> w / (rs.rrfK() + m.rank);
                    case BLEND -> top > floor ? w * (m.score - floor) / (top - floor) : w;
                };
            }
            c.fused = c.vectorsPending ? f * pendingScale : f;
        }
    }

    private List<ArticleHit> hits(IndexSearcher searcher, List<Candidate> best, Analyzer analyzer, String locale,
                                         List<String> terms, float bm25Top, float[] queryVector) throws IOException {
        HitEvidence evidence = new HitEvidence(searcher, analyzer, locale, terms);
        StoredFields stored = searcher.storedFields();
        List<ArticleHit> hits = new ArrayList<>();
        for (Candidate c : best) {
            Document d = stored.document(bestPassage(c));
            String title = d.get(IndexSchema.F_TITLE);
            String section = d.get(IndexSchema.F_SECTION);
            String text = d.get(IndexSchema.F_TEXT);
            HitEvidence.Judged j = evidence.judge(title, section, text);
            Match lex = c.match(Signal.PASSAGE_LEXICAL);
            Match vec = c.match(Signal.PASSAGE_VECTOR);
            SearchEvidence ev = new SearchEvidence(lex == null ? 0 : lex.rank, lex == null ? 0 : lex.score, bm25Top,
                    vec == null ? 0 : vec.rank, vec == null ? Float.NaN : vec.score,
                    j.queryTermCoverage(), j.titleTermCoverage(), j.queryTerms(), c.docs.size(), j.weightedCoverage(),
                    j.unseenTerms(), titleCosine(searcher, c, queryVector), j.rareCoverage(), j.bigramCoverage(),
                    j.sentenceCoverage(), c.vectorsPending);
            hits.add(new ArticleHit(c.articleId, d.get(IndexSchema.F_SLUG), d.get(IndexSchema.F_LOCALE), title,
                    d.get(IndexSchema.F_URL), c.fused, section, text, j.snippet(), ev));
        }
        return hits;
    }

    /**
     * Cosine between the query and the hit's article title: from the title list when it retrieved the article, else
     * read from the article's first passage (one small lookup per shown hit); NaN without vectors, and when titles
     * are not embedded (the default: the title list is not fused, and measured leave-one-set-out the title cosine did
     * not help the calibrated decision, see docs/BENCHMARKS.md).
     */
    private float titleCosine(IndexSearcher searcher, Candidate c, float[] q) throws IOException {
        if (q == null || options.retrieval().titleVector() <= 0) {
            return Float.NaN;
        }
        Match m = c.match(Signal.TITLE_VECTOR);
        if (m != null) {
            return m.score;
        }
        Query first = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.F_ARTICLE_ID, c.articleId)), BooleanClause.Occur.FILTER)
                .add(new org.apache.lucene.search.FieldExistsQuery(IndexSchema.F_TITLE_VECTOR), BooleanClause.Occur.FILTER)
                .build();
        TopDocs td = searcher.search(first, 1);
        if (td.scoreDocs.length == 0) {
            return Float.NaN;
        }
        int doc = td.scoreDocs[0].doc;
        LeafReaderContext leaf = searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
        var values = leaf.reader().getFloatVectorValues(IndexSchema.F_TITLE_VECTOR);
        if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return Float.NaN;
        }
        float[] t = values.vectorValue();
        double dot = 0;
        double nq = 0;
        double nt = 0;
        for (int i = 0; i < q.length; i++) {
            dot += q[i] * t[i];
            nq += q[i] * q[i];
            nt += t[i] * t[i];
        }
        return nq == 0 || nt == 0 ? Float.NaN : (float) (dot / Math.sqrt(nq * nt));
    }

    private static void collect(IndexSearcher searcher, TopDocs top, Signal signal, Map<String, Candidate> candidates)
            throws IOException {
        boolean[] pending = new boolean[top.scoreDocs.length];
        String[] ids = articleIds(searcher, top.scoreDocs, pending);
        for (int r = 0; r < top.scoreDocs.length; r++) {
            ScoreDoc sd = top.scoreDocs[r];
            Candidate c = candidates.computeIfAbsent(ids[r], Candidate::new);
            c.vectorsPending |= pending[r];
            if (signal.passages) {
                c.docs.add(sd.doc);
            }
            if (!c.matches.containsKey(signal)) {
                // Lucene scores COSINE as (1 + cos) / 2
                c.matches.put(signal, new Match(sd.doc, signal.lexical ? sd.score : 2 * sd.score - 1, r + 1));
            }
        }
    }

    /**
     * The passage shown for an article: the better of its best lexical and best vector passage, compared by their
     * rank among passages; an article found only by its title or as a whole shows its first passage.
     */
    private int bestPassage(Candidate c) {
        RetrievalSettings rs = options.retrieval();
        Match lex = c.match(Signal.PASSAGE_LEXICAL);
        Match vec = c.match(Signal.PASSAGE_VECTOR);
        if (lex == null && vec == null) {
            Match article = c.match(Signal.ARTICLE_LEXICAL);
            return article != null ? article.doc : c.match(Signal.TITLE_VECTOR).doc;
        }
        if (lex == null) {
            return vec.doc;
        }
        if (vec == null) {
            return lex.doc;
        }
        double l = rs.passageLexical() / (rs.rrfK() + lex.passageRank);
        double v = rs.passageVector() / (rs.rrfK() + vec.passageRank);
        return l >= v ? lex.doc : vec.doc;
    }

    /**
     * Article ids of the hits, read from doc values. Doc-values iterators only move forward, so the hits are visited
     * in doc-id order with one iterator per segment (a fresh iterator per hit costs more than the search itself).
     */
    private static String[] articleIds(IndexSearcher searcher, ScoreDoc[] hits, boolean[] vectorsPending) throws IOException {
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[hits.length];
        int currentLeaf = -1;
        SortedDocValues dv = null;
        NumericDocValues pendingDv = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int leafIndex = ReaderUtil.subIndex(doc, leaves);
            if (leafIndex != currentLeaf) {
                currentLeaf = leafIndex;
                leaf = leaves.get(leafIndex);
                dv = leaf.reader().getSortedDocValues(IndexSchema.F_ARTICLE_ID);
                pendingDv = leaf.reader().getNumericDocValues(IndexSchema.F_VECTORS_PENDING);
            }
            if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("passage without article id: " + doc);
            }
            ids[i] = dv.lookupOrd(dv.ordValue()).utf8ToString();
            vectorsPending[i] = pendingDv != null && pendingDv.advanceExact(doc - leaf.docBase);
        }
        return ids;
    }
}
