package io.parley.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.BytesRef;

/**
 * The vectors already stored in the index itself, found by the embed-key fields of passage and title documents.
 * Vectors reach this store by being indexed with their documents, so {@link #save} has nothing to do.
 */
final class IndexVectorStore implements VectorStore {

    private final SearcherManager searchers;

    IndexVectorStore(SearcherManager searchers) {
        this.searchers = searchers;
    }

    @Override
    public Map<String, float[]> find(Collection<String> keys) {
        Map<String, float[]> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    lookup(leaf, IndexSchema.F_EMBED_KEY, IndexSchema.F_VECTOR, keys, found);
                    lookup(leaf, IndexSchema.F_TITLE_EMBED_KEY, IndexSchema.F_TITLE_VECTOR, keys, found);
                }
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void lookup(LeafReaderContext leaf, String keyField, String vectorField, Collection<String> keys,
                               Map<String, float[]> found) throws IOException {
        Terms terms = leaf.reader().terms(keyField);
        if (terms == null) {
            return;
        }
        TermsEnum te = terms.iterator();
        PostingsEnum postings = null;
        for (String key : keys) {
            if (found.containsKey(key) || !te.seekExact(new BytesRef(key))) {
                continue;
            }
            postings = te.postings(postings, PostingsEnum.NONE);
            int doc = postings.nextDoc();
            if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                continue;
            }
            // A fresh iterator per key: vector iterators only move forward and keys come in no particular order.
            FloatVectorValues values = leaf.reader().getFloatVectorValues(vectorField);
            if (values != null && values.advance(doc) == doc) {
                found.put(key, values.vectorValue().clone());
            }
        }
    }
}
