package io.parley.knowledge.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** The BM25 queries of a search: analysed query terms against the passage fields, or the whole-article field. */
final class LexicalQueries {

    /**
     * Most distinct terms one query searches for. Lucene refuses a query of more than 1,024 clauses in all, and the
     * passage query has four fields per term; a long message (a pasted log, a rambling story) would otherwise fail the
     * search. Its rarest terms carry its topic, so those are kept.
     */
    static final int MAX_TERMS = 200;

    private LexicalQueries() {
    }

    /** The terms, or for a very long query its {@link #MAX_TERMS} rarest ones (by article frequency), in query order. */
    static List<String> rarest(IndexSearcher searcher, String locale, List<String> terms) throws IOException {
        if (terms.size() <= MAX_TERMS) {
            return terms;
        }
        String field = LocaleAnalyzers.field(IndexSchema.F_ARTICLE, locale);
        Map<String, Integer> df = new HashMap<>();
        for (String t : terms) {
            df.put(t, searcher.getIndexReader().docFreq(new Term(field, t)));
        }
        // terms no article contains match nothing, so they rank last rather than first
        Set<String> keep = new HashSet<>(terms.stream()
                .sorted(Comparator.comparingInt((String t) -> df.get(t) == 0 ? Integer.MAX_VALUE : df.get(t)))
                .limit(MAX_TERMS).toList());
        return terms.stream().filter(keep::contains).toList();
    }

    static Query articles(List<String> terms, String locale, Query filter) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        addField(should, LocaleAnalyzers.field(IndexSchema.F_ARTICLE, locale), terms, 1f);
        return new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    static Query passages(List<String> terms, String locale, Query filter, RetrievalSettings rs) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        addField(should, LocaleAnalyzers.field(IndexSchema.F_TEXT, locale), terms, 1f);
        addField(should, LocaleAnalyzers.field(IndexSchema.F_TITLE, locale), terms, rs.titleBoost());
        addField(should, LocaleAnalyzers.field(IndexSchema.F_SECTION, locale), terms, rs.sectionBoost());
        addField(should, LocaleAnalyzers.field(IndexSchema.F_TAGS, locale), terms, rs.sectionBoost());
        return new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    private static void addField(BooleanQuery.Builder b, String field, List<String> terms, float boost) {
        BooleanQuery.Builder fq = new BooleanQuery.Builder();
        for (String t : terms) {
            fq.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        Query q = fq.build();
        b.add(boost == 1f ? q : new BoostQuery(q, boost), BooleanClause.Occur.SHOULD);
    }

}
