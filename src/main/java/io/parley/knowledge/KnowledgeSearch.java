package io.parley.knowledge;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.IndexStatus;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.SearchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Search over published articles, kept in step with PostgreSQL: at start-up the index is opened (recreated when
 * corrupt) and reconciled with the database, which is cheap because vectors of unchanged passages are reused. A
 * restart whose index was left intact serves it at once and reconciles in the background once the application is
 * ready, so a restart after a crash is not held up by the knowledge base (a missing or broken index is rebuilt before
 * the application is ready); then
 * every publish, edit, unpublish or delete is applied right after its transaction commits, so it is searchable (or
 * gone) well within a second.
 */
@Service
public class KnowledgeSearch implements ArticleRetriever, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    private final Articles articles;
    private final KnowledgeProperties properties;
    private final KnowledgeIndex index;
    // a rebuild reads the database and writes the index under this lock, and so does every single change: a change
    // committed while a background rebuild runs is applied after it, never overwritten by the rebuild's older read
    private final Object writes = new Object();
    // set on the thread of a bulk import: its refreshes (run on that thread, after each article's commit) do not embed
    private final ThreadLocal<Boolean> lexicalFirst = ThreadLocal.withInitial(() -> false);
    private final java.util.concurrent.atomic.AtomicBoolean catchUpStarted = new java.util.concurrent.atomic.AtomicBoolean();

    KnowledgeSearch(Articles articles, KnowledgeProperties properties, IndexOptions options) {
        this.articles = articles;
        this.properties = properties;
        this.index = open(properties, options);
        if (index.openedStatus() != IndexStatus.READY) {
            log.info("Knowledge index at {} is {}; rebuilding it from the database", properties.indexDir(), index.openedStatus());
            rebuild();
        }
    }

    /**
     * The database may have changed while the index was not watching (restored backup, another node, a crash): an
     * index opened intact is reconciled in the background once the application is ready, not while it starts. On a
     * two-core machine a catch-up during start-up took the CPU from the main thread for seconds (docs/BENCHMARKS.md,
     * "Crash safety"); until it ends, search answers from the index as the last process left it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void catchUpInBackground() {
        if (index.openedStatus() == IndexStatus.READY && catchUpStarted.compareAndSet(false, true)) {
            Thread catchUp = new Thread(this::rebuildInBackground, "knowledge-catch-up");
            catchUp.setDaemon(true);
            catchUp.start();
        }
    }

    private void rebuildInBackground() {
        try {
            rebuild();
        }
        catch (RuntimeException e) {
            // the index stays as the last process committed it; the next change or restart reconciles it
            log.warn("Reconciling the knowledge index with the database failed: {}", e.toString());
        }
    }

    private static KnowledgeIndex open(KnowledgeProperties properties, IndexOptions options) {
        try {
            return KnowledgeIndex.open(properties.indexDir(), options);
        }
        catch (UncheckedIOException | IllegalStateException e) {
            log.warn("Knowledge index at {} could not be opened ({}); starting over", properties.indexDir(), e.getMessage());
            deleteRecursively(properties.indexDir());
            return KnowledgeIndex.open(properties.indexDir(), options);
        }
    }

    @Override
    public SearchResult search(String query, String locale, int limit) {
        return index.search(query, locale, limit);
    }

    /** Leaves the articles out of the search itself (self-calibration's probes), so the others score as without them. */
    @Override
    public SearchResult searchWithout(String query, String locale, int limit, java.util.Set<String> excludedArticleIds) {
        return index.searchWithout(query, locale, limit, excludedArticleIds);
    }

    /**
     * Re-reads every published article from PostgreSQL into the index. Vectors stored for the model are used at once;
     * when more than {@code parley.knowledge.embedding.inline-limit} texts are left to embed (a first build, a model
     * change), the articles are searchable by BM25 when this returns and their vectors fill in the background.
     */
    public int rebuild() {
        synchronized (writes) {
            List<IndexableArticle> all;
            try (Stream<Article> published = articles.streamAllPublished()) {
                all = published.map(this::indexable).toList();
            }
            index.replaceAll(all);
            KnowledgeIndex.VectorProgress progress = index.vectorProgress();
            log.info("Knowledge index rebuilt from the database: {} articles, {} passages{}", index.articleCount(),
                    index.passageCount(), progress.complete() ? ""
                            : "; " + progress.pendingPassages() + " passages searchable by BM25 until their vectors are filled");
            return all.size();
        }
    }

    /** How far the index's vectors are (health, gauges). */
    public KnowledgeIndex.VectorProgress vectorProgress() {
        return index.vectorProgress();
    }

    /**
     * Runs a bulk change (an import) whose article refreshes index lexically at once and leave their vectors to the
     * background, instead of embedding article by article inside the import. A bulk whose vectors are few
     * ({@code inline-limit}) is waited for at the end, so a small knowledge base is complete when the import returns.
     */
    <T> T lexicalFirst(java.util.function.Supplier<T> bulk) {
        boolean outer = !lexicalFirst.get();
        lexicalFirst.set(true);
        try {
            return bulk.get();
        }
        finally {
            if (outer) {
                lexicalFirst.remove();
                KnowledgeIndex.VectorProgress p = index.vectorProgress();
                if (!p.complete() && p.pendingPassages() <= properties.embedding().inlineLimit()) {
                    awaitVectors(java.time.Duration.ofMinutes(5));
                }
            }
        }
    }

    /** Waits (bounded) for the background vectors; false when the time ran out or the thread was interrupted. */
    public boolean awaitVectors(java.time.Duration timeout) {
        try {
            return index.awaitVectors(timeout);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int articleCount() {
        return index.articleCount();
    }

    // durable: a crash between the article's commit and this leaves the publication to be resubmitted; an upsert
    // or delete of the current content is idempotent
    @io.parley.core.DurableListener
    void on(ArticlePublished event) {
        refresh(event.articleId());
    }

    /** Brings one article's entry in line with PostgreSQL: indexed when published, gone otherwise (idempotent). */
    void refresh(java.util.UUID articleId) {
        synchronized (writes) {
            articles.findPublished(articleId).ifPresentOrElse(a -> {
                if (lexicalFirst.get()) {
                    index.upsertAllLexicalFirst(List.of(indexable(a)));
                }
                else {
                    index.upsert(indexable(a));
                }
            }, () -> index.delete(articleId.toString()));
        }
    }

    @io.parley.core.DurableListener
    void on(ArticleWithdrawn event) {
        synchronized (writes) {
            index.delete(event.articleId().toString());
        }
    }

    IndexableArticle indexable(Article a) {
        String url = a.sourceUrl() != null && !a.sourceUrl().isBlank() ? a.sourceUrl() : properties.urlFor(a.locale(), a.slug());
        return new IndexableArticle(a.id().toString(), a.slug(), a.locale(), a.title(), a.body(), a.tags(),
                a.status() == ArticleStatus.PUBLISHED, url);
    }

    @Override
    public void destroy() {
        index.close();
    }

    private static void deleteRecursively(java.nio.file.Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
