package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

/**
 * A build with more texts to embed than the inline limit is searchable by BM25 when it returns; the background fills
 * the vectors, and a search in between treats the articles without vectors fairly.
 */
class LexicalFirstBuildTests {

    static final IndexableArticle PASSWORD = KnowledgeIndexTests.PASSWORD;
    static final IndexableArticle INVOICES = KnowledgeIndexTests.INVOICES;

    /** The hashing model, except that the background thread waits for {@link #open} before it may embed. */
    static final class LatchedModel implements EmbeddingModel {
        final HashingEmbeddingModel hashing = new HashingEmbeddingModel();
        final CountDownLatch latch = new CountDownLatch(1);
        final CountDownLatch backgroundWaiting = new CountDownLatch(1);

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (Thread.currentThread().getName().equals("knowledge-vectors")) {
                backgroundWaiting.countDown();
                try {
                    if (!latch.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("latch never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return hashing.embedAll(segments);
        }

        @Override
        public int dimension() {
            return HashingEmbeddingModel.DIM;
        }

        void open() {
            latch.countDown();
        }
    }

    private static KnowledgeIndex index(LatchedModel model, int inlineLimit) {
        EmbeddingSupport emb = new EmbeddingSupport(model, "latched-test", Set.of("en"), "", "");
        return KnowledgeIndex.inMemory(IndexOptions.of(emb).withInlineEmbedLimit(inlineLimit));
    }

    private static List<String> slugs(SearchResult r) {
        return r.hits().stream().map(ArticleHit::slug).toList();
    }

    @Test
    void aBuildOverTheInlineLimitIsLexicalAtOnceAndHybridWhenTheVectorsAreFilled() throws Exception {
        LatchedModel model = new LatchedModel();
        try (KnowledgeIndex index = index(model, 0)) {
            index.replaceAll(List.of(PASSWORD, INVOICES,
                    KnowledgeIndexTests.article("sifre", "tr", "Şifre", "Şifrenizi Ayarlar sayfasında değiştirin.")));
            assertThat(model.hashing.embedded).as("nothing embedded by the build itself").isZero();
            assertThat(index.vectorProgress().complete()).isFalse();
            assertThat(index.vectorProgress().pendingArticles()).as("the Turkish article needs no vectors").isEqualTo(2);
            assertThat(index.vectorProgress().pendingPassages()).isEqualTo(index.passageCount() - 1);

            SearchResult lexical = index.search("how do I change my password", "en", 5);
            assertThat(slugs(lexical)).containsExactly("password");
            assertThat(lexical.vectorsUsed()).isTrue();
            assertThat(lexical.vectorsPending()).isTrue();
            SearchEvidence e = lexical.hits().get(0).evidence();
            assertThat(e.vectorsPending()).isTrue();
            assertThat(e.vectorRank()).isZero();
            assertThat(e.cosine()).isNaN();
            assertThat(e.bm25Rank()).isEqualTo(1);
            assertThat(index.search("şifre", "tr", 5).vectorsPending()).as("Turkish has no vectors to wait for").isFalse();

            model.open();
            assertThat(index.awaitVectors(Duration.ofSeconds(30))).isTrue();
            assertThat(index.vectorProgress().complete()).isTrue();
            SearchResult hybrid = index.search("invoices billing", "en", 5);
            assertThat(hybrid.vectorsPending()).isFalse();
            assertThat(hybrid.hits().get(0).evidence().vectorRank()).isEqualTo(1);
            assertThat(hybrid.hits().get(0).evidence().vectorsPending()).isFalse();
            // the vector list reaches the password article too, which shares no word with the question
            assertThat(slugs(hybrid)).containsExactly("invoices", "password");
        }
    }

    @Test
    void anArticleWithoutVectorsIsNotRankedBelowAWorseMatchThatHasThem() throws Exception {
        LatchedModel model = new LatchedModel();
        IndexableArticle weak = KnowledgeIndexTests.article("weak", "en", "Account settings",
                "Your password is one of the settings on this page, with your name and photo.");
        IndexableArticle strong = KnowledgeIndexTests.article("strong", "en", "Reset a forgotten password",
                "Forgotten password? Reset the password with the reset link: a forgotten password is reset in a minute.");
        try (KnowledgeIndex index = index(model, 10)) {
            index.upsert(weak); // two texts: embedded inline
            index.upsertAllLexicalFirst(List.of(strong));
            assertThat(model.backgroundWaiting.await(30, TimeUnit.SECONDS)).isTrue();

            SearchResult r = index.search("reset forgotten password", "en", 5);
            assertThat(r.hits().get(1).evidence().vectorRank()).as("the weak article has a vector match").isEqualTo(1);
            assertThat(slugs(r)).as("the lexical-only article is not punished for the vector it does not have yet")
                    .containsExactly("strong", "weak");
            assertThat(r.hits().get(0).evidence().vectorsPending()).isTrue();
            model.open();
            assertThat(index.awaitVectors(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void anEditOrDeleteDuringTheFillWinsOverTheVersionBeingEmbedded() throws Exception {
        LatchedModel model = new LatchedModel();
        IndexableArticle billing = KnowledgeIndexTests.article("billing", "en", "Billing", "Invoices are sent by post.");
        try (KnowledgeIndex index = index(model, 2)) {
            index.replaceAll(List.of(PASSWORD, INVOICES, billing)); // 4 texts to embed: over the limit of 2
            assertThat(model.backgroundWaiting.await(30, TimeUnit.SECONDS)).as("the fill is embedding the old versions").isTrue();
            IndexableArticle edited = KnowledgeIndexTests.article("billing", "en", "Billing", "Invoices are sent by email.");
            index.upsert(edited); // one text: inline, complete at once
            index.delete("invoices");
            assertThat(index.search("email invoices", "en", 5).hits().get(0).evidence().vectorsPending()).isFalse();

            model.open();
            assertThat(index.awaitVectors(Duration.ofSeconds(30))).isTrue();
            assertThat(slugs(index.search("downloading invoices pdf", "en", 5))).doesNotContain("invoices");
            assertThat(index.search("post", "en", 5).hits()).as("the old text did not come back")
                    .allSatisfy(h -> assertThat(h.evidence().bm25Rank()).isZero())
                    .noneSatisfy(h -> assertThat(h.passage()).contains("by post"));
            SearchResult email = index.search("email", "en", 5);
            assertThat(slugs(email)).first().isEqualTo("billing");
            assertThat(index.articleCount()).isEqualTo(2);
        }
    }
}
