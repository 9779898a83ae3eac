package io.parley.knowledge.index;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Counts over one searcher's point-in-time view of the index. */
final class IndexStatistics {

    private IndexStatistics() {
    }

    /** Distinct articles among the live passages (each passage document carries its article's id). */
    static int articleCount(IndexSearcher searcher) {
        Set<String> ids = new HashSet<>();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                SortedDocValues dv = leaf.reader().getSortedDocValues(IndexSchema.F_ARTICLE_ID);
                if (dv == null) {
                    continue;
                }
                var live = leaf.reader().getLiveDocs();
                for (int doc = dv.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        ids.add(dv.lookupOrd(dv.ordValue()).utf8ToString());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids.size();
    }

    /** Whether the searcher has articles of this locale's language waiting for vectors (a count over two terms: microseconds). */
    static boolean pendingIn(IndexSearcher searcher, String locale) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.F_VECTORS_PENDING, "true")), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.F_LANG, LocaleAnalyzers.language(locale))), BooleanClause.Occur.FILTER)
                .build();
        return searcher.count(q) > 0;
    }
}
