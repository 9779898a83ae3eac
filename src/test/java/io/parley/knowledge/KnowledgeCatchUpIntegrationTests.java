package io.parley.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.parley.ParleyIntegrationTest;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node's index after a restart ({@link KnowledgeSearch} opened on the index it left behind, beside the test
 * context's own): the intact index serves at once, what changed in PostgreSQL while the node was down is reconciled
 * in the background, and a change committed while that catch-up runs is applied after it, never overwritten by the
 * catch-up's older read. The catch-up is held, after it has read the database, by a gate on its article stream.
 */
@ParleyIntegrationTest
class KnowledgeCatchUpIntegrationTests {

    @Autowired
    Articles articles;

    @Autowired
    ArticleRepository repository;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    KnowledgeProperties properties;

    // lexical only: a vector search returns its nearest articles for any query, which would blur "not found"
    private final IndexOptions options = IndexOptions.of(EmbeddingSupport.none());

    @TempDir
    Path indexDir;

    private final String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final Editor editor = Editor.system("test");

    @Test
    void anIntactIndexServesAtOnceAndCatchesUpWithoutOverwritingANewerChange() throws Exception {
        KnowledgeProperties node = new KnowledgeProperties(indexDir, properties.knowledgeBaseDir(), false,
                properties.defaultLocale(), properties.articleUrl(), properties.embedding());
        Article kept = articles.create(input("kept", "The " + word + "alpha toaster manual."), ArticleStatus.PUBLISHED, editor);
        // the node's first start: an empty index is built before the constructor returns
        KnowledgeSearch first = new KnowledgeSearch(articles, node, options);
        assertThat(hits(first, word + "alpha")).contains(kept.id().toString());
        first.destroy();

        // while the node is down: an edit and a new article
        Article edited = articles.update(kept.id(), kept.version(), input("kept", "The " + word + "bravo toaster manual."),
                ArticleStatus.PUBLISHED, editor);
        Article added = articles.create(input("added", "The " + word + "delta kettle guide."), ArticleStatus.PUBLISHED, editor);

        GatedArticles gated = new GatedArticles(repository, events);
        KnowledgeSearch restarted = new KnowledgeSearch(gated, node, options);
        // what the application does once it is ready
        restarted.catchUpInBackground();
        try {
            // served at once: the constructor (and the start of the catch-up) returned while the catch-up is held,
            // with what the index had
            assertThat(gated.read.await(60, TimeUnit.SECONDS)).as("the catch-up read the database").isTrue();
            assertThat(hits(restarted, word + "alpha")).contains(kept.id().toString());
            assertThat(hits(restarted, word + "delta")).doesNotContain(added.id().toString());

            // a change committed during the catch-up: its listener waits for the catch-up instead of racing it
            articles.update(edited.id(), edited.version(), input("kept", "The " + word + "charlie toaster manual."),
                    ArticleStatus.PUBLISHED, editor);
            Thread listener = new Thread(() -> restarted.refresh(kept.id()), "article-listener");
            listener.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> listener.getState() == Thread.State.BLOCKED);

            gated.release.countDown();
            listener.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(listener.isAlive()).isFalse();

            assertThat(hits(restarted, word + "delta")).as("added while down").contains(added.id().toString());
            assertThat(hits(restarted, word + "charlie")).as("the newer change stands").contains(kept.id().toString());
            assertThat(hits(restarted, word + "bravo")).as("the catch-up's older read").doesNotContain(kept.id().toString());
            assertThat(hits(restarted, word + "alpha")).doesNotContain(kept.id().toString());
        }
        finally {
            gated.release.countDown();
            restarted.destroy();
            articles.delete(kept.id(), editor);
            articles.delete(added.id(), editor);
        }
    }

    private ArticleInput input(String slug, String body) {
        return new ArticleInput(word + "-" + slug, "en", "Catch-up " + slug, body, List.of(), null, null);
    }

    private static List<String> hits(KnowledgeSearch search, String query) {
        return search.search(query, "en", 10).hits().stream().map(ArticleHit::articleId).toList();
    }

    /** Reads every published article at once (the catch-up's snapshot), then holds it until released. */
    static final class GatedArticles extends Articles {

        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedArticles(ArticleRepository repository, ApplicationEventPublisher events) {
            super(repository, events, Clock.systemUTC());
        }

        @Override
        public Stream<Article> streamAllPublished() {
            List<Article> snapshot;
            try (Stream<Article> published = super.streamAllPublished()) {
                snapshot = published.toList();
            }
            read.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot.stream();
        }
    }
}
