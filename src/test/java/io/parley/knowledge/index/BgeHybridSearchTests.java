package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hybrid retrieval with the real default model (bge-small-en-v1.5, in process); the model is loaded once. */
class BgeHybridSearchTests {

    static final EmbeddingSupport BGE = EmbeddingSupport.bgeSmallEn((java.util.concurrent.Executor) null);
    static KnowledgeIndex index;

    @BeforeAll
    static void build() {
        index = KnowledgeIndex.inMemory(IndexOptions.of(BGE));
        index.replaceAll(List.of(
                KnowledgeIndexTests.article("refunds", "en", "Refund policy",
                        "We give your money back within 30 days of purchase if you are not satisfied with the product."),
                KnowledgeIndexTests.article("shipping", "en", "Delivery times",
                        "Parcels leave our warehouse within two business days and arrive in three to five days."),
                KnowledgeIndexTests.article("sifre", "tr", "Şifre değiştirme",
                        "Şifrenizi değiştirmek için Ayarlar sayfasına gidin.")));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void paraphraseWithoutSharedWordsIsFoundByVectors() {
        SearchResult r = index.search("Can I be reimbursed if I dislike what I bought?", "en", 5);

        assertThat(r.vectorsUsed()).isTrue();
        ArticleHit top = r.hits().get(0);
        assertThat(top.slug()).isEqualTo("refunds");
        assertThat(top.evidence().bm25Rank()).isZero(); // no word in common after stop words and stemming
        assertThat(top.evidence().vectorRank()).isEqualTo(1);
        assertThat(top.evidence().cosine()).isGreaterThan(r.hits().get(1).evidence().cosine());
    }

    @Test
    void uncoveredLocaleUsesItsAnalyzerOnly() {
        SearchResult r = index.search("şifremi değiştirmek istiyorum", "tr", 5);

        assertThat(r.vectorsUsed()).isFalse();
        assertThat(r.hits()).extracting(ArticleHit::slug).containsExactly("sifre");
        assertThat(r.hits().get(0).evidence().cosine()).isNaN();
    }
}
