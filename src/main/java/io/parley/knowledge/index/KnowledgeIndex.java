package io.parley.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The knowledge-base search index: one Lucene document per passage, searched lexically (BM25 with the article's
 * language analyzer) and by vector similarity (an in-process embedding model, for the languages it covers), the two
 * rankings fused and aggregated from passages to articles.
 * <p>
 * Writes are near-real-time: {@link #upsert}, {@link #delete} and {@link #replaceAll} commit and refresh the searcher
 * before they return, so a change is visible to the next search. Searches are thread-safe and never block on writes;
 * writes are serialised.
 * <p>
 * The index is derived data. {@link #open(Path, IndexOptions)} reports in {@link #openedStatus()} whether what it found
 * on disk was missing, stale (other schema or embedding model) or corrupt; in those cases it starts empty and the
 * caller rebuilds it from the article store with {@link #replaceAll}.
 * <p>
 * This class owns the lifecycle (directory, writer, near-real-time searchers) and delegates the rest, the way the
 * Lucene demo separates indexing from searching: {@link IndexSchema} (document layout and signature),
 * {@link ArticleDocuments} (passages and their vectors, through a {@link VectorStore}), {@link HybridSearcher}
 * (the ranked lists and their fusion) and {@link HitEvidence} (snippets and lexical evidence).
 */
public final class KnowledgeIndex implements ArticleRetriever, Closeable {

    /**
     * How far the vectors are: {@code pendingPassages} passages (of {@code pendingArticles} articles) are searchable
     * by BM25 only until the background fills their vectors.
     */
    public record VectorProgress(int pendingArticles, int pendingPassages) {
        public boolean complete() {
            return pendingArticles == 0;
        }
    }

    private final Directory directory;
    private final IndexOptions options;
    private final LocaleAnalyzers analyzers = new LocaleAnalyzers();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final IndexStatus openedStatus;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArticleDocuments documents;
    private final HybridSearcher hybrid;
    private final BackgroundVectors background;

    private KnowledgeIndex(Directory directory, IndexOptions options) throws IOException {
        this.directory = directory;
        this.options = options;
        String signature = IndexSchema.signature(options);
        this.openedStatus = IndexInspection.inspect(directory, signature);
        IndexWriterConfig config = new IndexWriterConfig(analyzers)
                .setOpenMode(openedStatus == IndexStatus.READY ? IndexWriterConfig.OpenMode.APPEND
                        : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        writer.setLiveCommitData(Map.of(IndexSchema.SIGNATURE_KEY, signature).entrySet());
        if (openedStatus != IndexStatus.READY) {
            writer.commit();
        }
        this.searchers = new SearcherManager(writer, null);
        this.documents = new ArticleDocuments(options, new IndexVectorStore(searchers));
        this.hybrid = new HybridSearcher(options, analyzers);
        this.background = new BackgroundVectors(documents, options.splitter(), this::applyFilled);
    }

    /** A throw-away index in memory. */
    public static KnowledgeIndex inMemory(IndexOptions options) {
        try {
            return new KnowledgeIndex(new ByteBuffersDirectory(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens (or creates) the index at {@code path}, e.g. {@code ./data/index}. Check {@link #openedStatus()}: when it
     * {@link IndexStatus#needsRebuild() needs a rebuild}, the index is empty and should be filled with
     * {@link #replaceAll}.
     */
    public static KnowledgeIndex open(Path path, IndexOptions options) {
        try {
            Files.createDirectories(path);
            return new KnowledgeIndex(FSDirectory.open(path), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open knowledge index at " + path, e);
        }
    }

    /** Inspects an index directory without changing it. */
    public static IndexStatus inspect(Path path, IndexOptions options) {
        if (!Files.isDirectory(path)) {
            return IndexStatus.MISSING;
        }
        try (Directory dir = FSDirectory.open(path)) {
            return IndexInspection.inspect(dir, IndexSchema.signature(options));
        } catch (IOException e) {
            return IndexStatus.CORRUPT;
        }
    }

    public IndexStatus openedStatus() {
        return openedStatus;
    }

    public IndexOptions options() {
        return options;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Adds or replaces an article (all its passages) and makes the change searchable before returning. */
    public void upsert(IndexableArticle article) {
        upsertAll(List.of(article));
    }

    /**
     * Adds or replaces several articles in one commit. With more than {@link IndexOptions#inlineEmbedLimit} texts to
     * embed, the articles are searchable by BM25 when this returns and get their vectors in the background.
     */
    public void upsertAll(Collection<IndexableArticle> articles) {
        upsertAll(articles, options.inlineEmbedLimit());
    }

    /**
     * Adds or replaces articles without waiting for any vector that is not already stored: lexically searchable when
     * this returns, vectors filled in the background (a bulk import, where each article alone is small).
     */
    public void upsertAllLexicalFirst(Collection<IndexableArticle> articles) {
        upsertAll(articles, 0);
    }

    private void upsertAll(Collection<IndexableArticle> articles, int inlineLimit) {
        ArticleDocuments.Built built = documents.build(articles, inlineLimit);
        write(() -> {
            int i = 0;
            for (IndexableArticle a : articles) {
                writer.updateDocuments(new Term(IndexSchema.F_ARTICLE_ID, a.id()), built.documents().get(i++));
            }
            afterCommit = () -> {
                background.remove(articles.stream().map(IndexableArticle::id).toList());
                background.add(built.pending());
            };
        });
    }

    /** Removes an article; no-op if it is not indexed. */
    public void delete(String articleId) {
        write(() -> {
            writer.deleteDocuments(new Term(IndexSchema.F_ARTICLE_ID, articleId));
            afterCommit = () -> background.remove(List.of(articleId));
        });
    }

    /**
     * Replaces the whole index content with these articles, atomically for searchers: they see the old content until
     * the new one is committed. With more than {@link IndexOptions#inlineEmbedLimit} texts to embed (a first build, a
     * model change), the new content is searchable by BM25 when this returns and gets its vectors in the background.
     */
    public void replaceAll(Collection<IndexableArticle> articles) {
        ArticleDocuments.Built built = documents.build(articles, options.inlineEmbedLimit());
        write(() -> {
            writer.deleteAll();
            for (List<Document> d : built.documents()) {
                writer.addDocuments(d);
            }
            afterCommit = () -> {
                background.clear();
                background.add(built.pending());
            };
        });
    }

    /** Where the background vectors are. */
    public VectorProgress vectorProgress() {
        return new VectorProgress(background.pendingArticles(), background.pendingPassages());
    }

    /** Waits until every article has its vectors (benchmarks, the eval); false if the timeout came first. */
    public boolean awaitVectors(java.time.Duration timeout) throws InterruptedException {
        return background.await(timeout);
    }

    /** A chunk of articles with their vectors from the background: replaces those still pending in that version. */
    private void applyFilled(List<IndexableArticle> articles, List<List<Document>> docs) {
        write(() -> {
            List<IndexableArticle> applied = new java.util.ArrayList<>();
            for (int i = 0; i < articles.size(); i++) {
                IndexableArticle a = articles.get(i);
                if (background.isStillPending(a)) {
                    writer.updateDocuments(new Term(IndexSchema.F_ARTICLE_ID, a.id()), docs.get(i));
                    applied.add(a);
                }
            }
            // marked done only once committed, so a waiter that is released sees the vectors
            afterCommit = () -> background.filled(applied);
        });
    }

    private interface WriteAction {
        void run() throws IOException;
    }

    /** Run after the commit and refresh of the current write, under the write lock (set by the action). */
    private Runnable afterCommit;

    private void write(WriteAction action) {
        writeLock.lock();
        try {
            afterCommit = null;
            action.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
            if (afterCommit != null) {
                afterCommit.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Knowledge index write failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    public int articleCount() {
        return read(IndexStatistics::articleCount);
    }

    public int passageCount() {
        return read(s -> s.getIndexReader().numDocs());
    }

    private interface Read {
        int apply(IndexSearcher searcher) throws IOException;
    }

    private int read(Read read) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return read.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchResult search(String query, String locale, int limit) {
        return searchWithout(query, locale, limit, Set.of());
    }

    @Override
    public SearchResult searchWithout(String query, String locale, int limit, Set<String> excludedArticleIds) {
        long start = System.nanoTime();
        String requested = locale == null || locale.isBlank() ? options.retrieval().defaultLocale() : locale;
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<ArticleHit> hits = hybrid.search(searcher, query, requested, limit, excludedArticleIds);
                String searched = requested;
                boolean fellBack = false;
                String defaultLocale = options.retrieval().defaultLocale();
                if (hits.isEmpty() && !LocaleAnalyzers.language(requested).equals(LocaleAnalyzers.language(defaultLocale))) {
                    hits = hybrid.search(searcher, query, defaultLocale, limit, excludedArticleIds);
                    searched = defaultLocale;
                    fellBack = true;
                }
                boolean vectorsUsed = options.embedding().covers(searched);
                return new SearchResult(query, requested, searched, fellBack, vectorsUsed, hits, System.nanoTime() - start,
                        vectorsUsed && IndexStatistics.pendingIn(searcher, searched));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Knowledge index search failed", e);
        }
    }

    @Override
    public void close() {
        background.close();
        writeLock.lock();
        try {
            searchers.close();
            writer.close();
            analyzers.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }
}
