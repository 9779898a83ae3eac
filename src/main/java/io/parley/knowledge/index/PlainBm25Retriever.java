package io.parley.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The reference point for benchmarks: plain Lucene BM25 with the StandardAnalyzer over whole articles (title and
 * body in one field), no passages, no stemming, no vectors, no locale handling. Read-only, in memory.
 */
public final class PlainBm25Retriever implements ArticleRetriever, AutoCloseable {

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final StandardAnalyzer analyzer = new StandardAnalyzer();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public PlainBm25Retriever(Collection<IndexableArticle> articles) {
        try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (IndexableArticle a : articles) {
                if (!a.published()) {
                    continue;
                }
                Document d = new Document();
                d.add(new StringField("id", a.id(), Field.Store.YES));
                d.add(new StoredField("slug", a.slug()));
                d.add(new StoredField("locale", a.locale()));
                d.add(new StoredField("title", a.title()));
                if (a.url() != null) {
                    d.add(new StoredField("url", a.url()));
                }
                d.add(new TextField("content", a.title() + "\n" + a.body(), Field.Store.NO));
                w.addDocument(d);
            }
            w.commit();
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchResult search(String query, String locale, int limit) {
        long start = System.nanoTime();
        List<String> terms = LocaleAnalyzers.terms(analyzer, query);
        List<ArticleHit> hits = new ArrayList<>();
        if (!terms.isEmpty()) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            terms.forEach(t -> b.add(new TermQuery(new Term("content", t)), BooleanClause.Occur.SHOULD));
            try {
                TopDocs top = searcher.search(b.build(), limit);
                int rank = 0;
                Set<String> termSet = new HashSet<>(terms);
                for (ScoreDoc sd : top.scoreDocs) {
                    rank++;
                    Document d = searcher.storedFields().document(sd.doc);
                    SearchEvidence ev = new SearchEvidence(rank, sd.score, top.scoreDocs[0].score, 0, Float.NaN,
                            Float.NaN, Float.NaN, termSet.size(), 1);
                    hits.add(new ArticleHit(d.get("id"), d.get("slug"), d.get("locale"), d.get("title"), d.get("url"),
                            sd.score, "", "", "", ev));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SearchResult(query, locale, locale, false, false, hits, System.nanoTime() - start);
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
