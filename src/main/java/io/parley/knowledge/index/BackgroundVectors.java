package io.parley.knowledge.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The articles a lexical-first write indexed without their vectors, and the one thread that fills them in: it
 * embeds a chunk of articles at a time (outside the index's write lock) and hands the finished documents back to the
 * index, which replaces an article's documents only if the article is still pending in the version that was
 * embedded (an edit or delete meanwhile wins). Progress: {@link #pendingPassages()}, and a log line every 10 s.
 * <p>
 * The queue is memory only on purpose: the pending state is also in the index (a marker field), and a restart
 * reconciles the index with the database, which queues whatever is still missing; vectors already computed are in
 * the model's store and are not embedded again.
 */
final class BackgroundVectors {

    private static final Logger log = LoggerFactory.getLogger(BackgroundVectors.class);
    /** Passages embedded together: progress shows and edits interleave at this grain (~5 s of bge on 2 cores). */
    static final int CHUNK_PASSAGES = 64;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final long RETRY_MILLIS = 5_000;

    /** How the index applies a finished chunk (under its write lock, checking {@link #isStillPending}). */
    interface Sink {
        void apply(List<IndexableArticle> articles, List<List<org.apache.lucene.document.Document>> documents);
    }

    private record Pending(IndexableArticle article, int passages) {
    }

    private final ArticleDocuments documents;
    private final PassageSplitter splitter;
    private final Sink sink;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int pendingPassages;
    private long filledPassages;
    private long startedNanos;
    private long lastLogNanos;
    private Thread worker;
    private boolean closed;

    BackgroundVectors(ArticleDocuments documents, PassageSplitter splitter, Sink sink) {
        this.documents = documents;
        this.splitter = splitter;
        this.sink = sink;
    }

    /** Articles just indexed without vectors (replacing any earlier pending version of them). */
    synchronized void add(Collection<IndexableArticle> articles) {
        if (articles.isEmpty() || closed) {
            return;
        }
        boolean starting = pending.isEmpty();
        if (starting) {
            startedNanos = System.nanoTime();
            lastLogNanos = startedNanos;
            filledPassages = 0;
        }
        for (IndexableArticle a : articles) {
            put(a.id(), new Pending(a, Math.max(1, splitter.split(a.body()).size())));
        }
        if (starting) {
            log.info("Knowledge index: {} articles searchable by BM25 now; vectors for their {} passages are filled in the background",
                    articles.size(), pendingPassages);
        }
        if (worker == null) {
            worker = new Thread(this::run, "knowledge-vectors");
            worker.setDaemon(true);
            worker.start();
        }
        notifyAll();
    }

    /** These articles were indexed with their vectors, or deleted: nothing left to fill for them. */
    synchronized void remove(Collection<String> articleIds) {
        for (String id : articleIds) {
            put(id, null);
        }
        notifyAll();
    }

    synchronized void clear() {
        pending.clear();
        pendingPassages = 0;
        notifyAll();
    }

    private void put(String id, Pending p) {
        Pending old = p == null ? pending.remove(id) : pending.put(id, p);
        pendingPassages += (p == null ? 0 : p.passages()) - (old == null ? 0 : old.passages());
    }

    /** Whether this exact version of the article is still waiting for its vectors (called under the write lock). */
    synchronized boolean isStillPending(IndexableArticle a) {
        Pending p = pending.get(a.id());
        return p != null && p.article() == a;
    }

    /** A chunk was applied to the index: these articles are complete. */
    synchronized void filled(List<IndexableArticle> applied) {
        for (IndexableArticle a : applied) {
            Pending p = pending.get(a.id());
            if (p != null && p.article() == a) {
                filledPassages += p.passages();
                put(a.id(), null);
            }
        }
        long now = System.nanoTime();
        if (pending.isEmpty()) {
            log.info("Knowledge index complete: every passage has its vectors ({} passages filled in {} s)", filledPassages,
                    Math.round((now - startedNanos) / 1e9));
        }
        else if (now - lastLogNanos > LOG_EVERY_NANOS) {
            lastLogNanos = now;
            log.info("Knowledge index: vectors filled for {} passages, {} passages ({} articles) still lexical-only",
                    filledPassages, pendingPassages, pending.size());
        }
        notifyAll();
    }

    /** Passages of articles that are searchable by BM25 only until their vectors are filled. */
    synchronized int pendingPassages() {
        return pendingPassages;
    }

    synchronized int pendingArticles() {
        return pending.size();
    }

    /** Waits until every pending article has its vectors; false if the time ran out first. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            pending.clear();
            pendingPassages = 0;
            notifyAll();
            w = worker;
        }
        if (w != null) {
            w.interrupt();
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized List<IndexableArticle> nextChunk() throws InterruptedException {
        while (pending.isEmpty() && !closed) {
            wait();
        }
        List<IndexableArticle> chunk = new ArrayList<>();
        int passages = 0;
        for (Pending p : pending.values()) {
            if (!chunk.isEmpty() && passages + p.passages() > CHUNK_PASSAGES) {
                break;
            }
            chunk.add(p.article());
            passages += p.passages();
        }
        return chunk;
    }

    private void run() {
        while (true) {
            List<IndexableArticle> chunk;
            try {
                chunk = nextChunk();
                if (closed) {
                    return;
                }
                List<List<org.apache.lucene.document.Document>> docs = documents.toDocuments(chunk);
                sink.apply(chunk, docs);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // the model or its store (the database) failed: keep the articles pending and try again
                log.warn("Filling knowledge index vectors failed, retrying in {} s: {}", RETRY_MILLIS / 1000, e.toString());
                if (!sleep()) {
                    return;
                }
            }
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
