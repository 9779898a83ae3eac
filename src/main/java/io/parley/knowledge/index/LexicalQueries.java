package io.parley.knowledge.index;

import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** The BM25 queries of a search: analysed query terms against the passage fields, or the whole-article field. */
final class LexicalQueries {

    private LexicalQueries() {
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
