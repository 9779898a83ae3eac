package io.parley.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeIndexTests {

    static IndexableArticle article(String id, String locale, String title, String body) {
        return new IndexableArticle(id, id, locale, title, body, List.of(), true, "https://help.example.com/" + id);
    }

    static final IndexableArticle PASSWORD = article("password", "en", "Changing your password", """
            ## Change it on the website
            Open Settings, then Security, and type the new password twice. Click Save to confirm.
            ## Forgot it?
            Use the reset link on the login page; we email you a link that works for one hour.
            """);
    static final IndexableArticle INVOICES = article("invoices", "en", "Downloading invoices", """
            Go to Billing and click Invoices. Each invoice can be downloaded as a PDF file for your records.
            """);

    private static KnowledgeIndex lexical() {
        return KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()));
    }

    private static List<String> slugs(SearchResult r) {
        return r.hits().stream().map(ArticleHit::slug).toList();
    }

    @Test
    void upsertIsSearchableImmediatelyAndDeleteRemovesIt() {
        try (KnowledgeIndex index = lexical()) {
            assertThat(index.search("password", "en", 5).hits()).isEmpty();

            long t0 = System.nanoTime();
            index.upsert(PASSWORD);
            SearchResult found = index.search("how do I change my password", "en", 5);
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(1000);
            assertThat(slugs(found)).containsExactly("password");
            ArticleHit hit = found.hits().get(0);
            assertThat(hit.title()).isEqualTo("Changing your password");
            assertThat(hit.url()).isEqualTo("https://help.example.com/password");
            assertThat(hit.sectionTitle()).isEqualTo("Change it on the website");
            assertThat(hit.snippet()).contains("new password");
            assertThat(hit.evidence().bm25Rank()).isEqualTo(1);
            assertThat(hit.evidence().vectorRank()).isZero();
            assertThat(hit.evidence().queryTermCoverage()).isEqualTo(1.0f); // "how do I ... my" are stop words
            assertThat(hit.evidence().queryTerms()).isEqualTo(2);            // "chang", "password"

            index.delete("password");
            assertThat(index.search("how do I change my password", "en", 5).hits()).isEmpty();
            assertThat(index.articleCount()).isZero();
        }
    }

    @Test
    void aMessageWithMoreDistinctWordsThanLuceneAllowsClausesIsStillSearched() {
        // 600 distinct words: four passage fields per term would be 2,400 clauses, over Lucene's 1,024
        StringBuilder message = new StringBuilder("I tried again and again to change my password but");
        for (int i = 0; i < 600; i++) {
            message.append(" blorf").append(i);
        }
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(PASSWORD, INVOICES));
            SearchResult found = index.search(message.toString(), "en", 5);
            assertThat(slugs(found)).first().isEqualTo("password");
            // the rarest terms are searched: the two the articles know, then unknown ones up to the cap
            assertThat(found.hits().get(0).evidence().queryTerms()).isEqualTo(LexicalQueries.MAX_TERMS);
            assertThat(found.hits().get(0).evidence().queryTermCoverage()).isEqualTo(2f / LexicalQueries.MAX_TERMS);
        }
    }

    @Test
    void upsertReplacesThePreviousVersionAndReplaceAllSwapsContent() {
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(PASSWORD, INVOICES));
            index.upsert(article("invoices", "en", "Receipts", "Receipts are emailed after each payment."));
            assertThat(index.articleCount()).isEqualTo(2);
            assertThat(index.search("download invoice pdf", "en", 5).hits()).isEmpty();
            assertThat(slugs(index.search("receipts after payment", "en", 5))).containsExactly("invoices");

            index.replaceAll(List.of(INVOICES));
            assertThat(index.articleCount()).isEqualTo(1);
            assertThat(index.search("password", "en", 5).hits()).isEmpty();
            assertThat(slugs(index.search("download invoice pdf", "en", 5))).containsExactly("invoices");
        }
    }

    @Test
    void draftsAreNotReturned() {
        try (KnowledgeIndex index = lexical()) {
            index.upsert(new IndexableArticle("secret", "secret", "en", "Upcoming pricing", "New prices from May.",
                    List.of(), false, null));
            assertThat(index.search("pricing", "en", 5).hits()).isEmpty();
            assertThat(index.passageCount()).isEqualTo(1);
        }
    }

    @Test
    void titlesAndTagsMatchAndRankAboveBodyMentions() {
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(
                    article("refunds", "en", "Refund policy", "You can ask for your money back within 30 days."),
                    article("shipping", "en", "Shipping times", "Orders ship in two days. Refund questions go to billing."),
                    new IndexableArticle("gift", "gift", "en", "Gift cards", "Buy a card for a friend.",
                            List.of("voucher"), true, null)));
            assertThat(slugs(index.search("refund", "en", 5))).containsExactly("refunds", "shipping");
            assertThat(slugs(index.search("vouchers", "en", 5))).containsExactly("gift");
        }
    }

    @Test
    void turkishQueryWithInflectedFormsFindsTurkishArticle() {
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(
                    article("sifre", "tr", "Şifrenizi değiştirme", "Şifrenizi değiştirmek için Ayarlar sayfasına gidin ve Güvenlik sekmesini açın."),
                    article("fatura", "tr", "Faturalar", "Faturalarınızı Ödemeler bölümünden indirebilirsiniz."),
                    PASSWORD));
            SearchResult r = index.search("Şifremi nasıl değiştirebilirim?", "tr", 5);
            assertThat(r.fellBack()).isFalse();
            assertThat(r.searchedLocale()).isEqualTo("tr");
            assertThat(slugs(r)).first().isEqualTo("sifre");
            assertThat(slugs(r)).doesNotContain("password"); // other locales are not mixed in

            assertThat(slugs(index.search("faturamı nereden indiririm", "tr", 5))).first().isEqualTo("fatura");
        }
    }

    @Test
    void persianQueryFindsPersianArticle() {
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(
                    article("ramz", "fa", "تغییر رمز عبور", "برای تغییر رمز عبور به بخش تنظیمات بروید و گزینه امنیت را انتخاب کنید."),
                    article("sefaresh", "fa", "پیگیری سفارش", "برای پیگیری سفارش‌ها به صفحه سفارش‌های من بروید."),
                    PASSWORD));
            SearchResult r = index.search("چگونه رمز عبورم را تغییر بدهم؟", "fa", 5);
            assertThat(slugs(r)).first().isEqualTo("ramz");
            assertThat(r.hits()).allSatisfy(h -> assertThat(h.locale()).isEqualTo("fa"));
            assertThat(slugs(index.search("پیگیری سفارش", "fa", 5))).first().isEqualTo("sefaresh");
        }
    }

    @Test
    void fallsBackToTheDefaultLocaleWhenTheQueryLocaleHasNoHits() {
        try (KnowledgeIndex index = lexical()) {
            index.upsertAll(List.of(PASSWORD, article("sifre", "tr", "Şifre", "Şifrenizi Ayarlar sayfasında değiştirin.")));

            SearchResult german = index.search("password", "de", 5);
            assertThat(german.fellBack()).isTrue();
            assertThat(german.requestedLocale()).isEqualTo("de");
            assertThat(german.searchedLocale()).isEqualTo("en");
            assertThat(slugs(german)).containsExactly("password");

            SearchResult turkishWithEnglishWords = index.search("invoices password", "tr", 5);
            assertThat(turkishWithEnglishWords.fellBack()).isTrue();
            assertThat(slugs(turkishWithEnglishWords)).containsExactly("password");

            SearchResult turkish = index.search("şifre", "tr", 5);
            assertThat(turkish.fellBack()).isFalse();
            assertThat(slugs(turkish)).containsExactly("sifre");
        }
    }

    @Test
    void vectorsAreOnlyBuiltForCoveredLocalesAndFusedWithBm25() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        EmbeddingSupport emb = new EmbeddingSupport(model, "hashing-test", Set.of("en"), "", "");
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(emb))) {
            index.upsertAll(List.of(PASSWORD, INVOICES, article("sifre", "tr", "Şifre", "Şifrenizi Ayarlar sayfasında değiştirin.")));
            // every English passage; nothing for the Turkish one
            int turkishPassages = 1;
            assertThat(model.embedded).isEqualTo(index.passageCount() - turkishPassages);
            assertThat(model.calls).isEqualTo(1); // one batch call

            SearchResult en = index.search("invoices billing", "en", 5);
            assertThat(en.vectorsUsed()).isTrue();
            ArticleHit top = en.hits().get(0);
            assertThat(top.slug()).isEqualTo("invoices");
            assertThat(top.evidence().bm25Rank()).isEqualTo(1);
            assertThat(top.evidence().vectorRank()).isEqualTo(1);
            assertThat(top.evidence().cosine()).isBetween(0.1f, 1.0f);
            // vector search retrieves every English article, so the password article is there without a word in common
            assertThat(slugs(en)).containsExactly("invoices", "password");
            assertThat(en.hits().get(1).evidence().bm25Rank()).isZero();

            SearchResult tr = index.search("şifre", "tr", 5);
            assertThat(tr.vectorsUsed()).isFalse();
            assertThat(slugs(tr)).containsExactly("sifre");
            assertThat(tr.hits().get(0).evidence().cosine()).isNaN();
        }
    }

    @Test
    void unchangedPassagesReuseTheirVectorsOnReindex() {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        EmbeddingSupport emb = new EmbeddingSupport(model, "hashing-test", Set.of("en"), "", "");
        String longBody = "## One\n" + "Alpha section text that is long enough to be its own passage. ".repeat(3)
                + "\n## Two\n" + "Beta section text that is long enough to be its own passage too. ".repeat(3);
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(emb))) {
            index.upsert(article("two-sections", "en", "Two sections", longBody));
            assertThat(index.passageCount()).isEqualTo(2);
            assertThat(model.embedded).isEqualTo(2);

            index.replaceAll(List.of(article("two-sections", "en", "Two sections", longBody)));
            assertThat(model.embedded).isEqualTo(2); // nothing new to embed

            index.upsert(article("two-sections", "en", "Two sections", longBody.replace("Beta", "Gamma")));
            assertThat(model.embedded).isEqualTo(3); // only the changed section
            assertThat(slugs(index.search("gamma", "en", 5))).containsExactly("two-sections");
            assertThat(index.search("beta", "en", 5).hits()).allSatisfy(h -> assertThat(h.evidence().bm25Rank()).isZero());
        }
    }

    @Test
    void concurrentSearchesDuringWritesSeeConsistentResults() throws Exception {
        try (KnowledgeIndex index = lexical()) {
            index.upsert(PASSWORD);
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.ConcurrentLinkedQueue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> readers = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread reader = new Thread(() -> {
                    while (writing.get()) {
                        SearchResult r = index.search("password topic", "en", 50);
                        if (r.hits().isEmpty() || r.hits().stream().map(ArticleHit::articleId).distinct().count() != r.hits().size()) {
                            problems.add("bad result " + slugs(r));
                        }
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int i = 0; i < 30; i++) {
                index.upsert(article("topic-" + i, "en", "Topic " + i, "Topic number " + i + " and its details."));
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(problems).isEmpty();
            assertThat(index.articleCount()).isEqualTo(31);
            assertThat(index.search("topic", "en", 50).hits()).hasSize(30);
        }
    }

    @Test
    void fileIndexReportsMissingThenReadyAndSurvivesReopen(@TempDir Path dir) {
        Path path = dir.resolve("index");
        IndexOptions options = IndexOptions.of(EmbeddingSupport.none());
        assertThat(KnowledgeIndex.inspect(path, options)).isEqualTo(IndexStatus.MISSING);
        try (KnowledgeIndex index = KnowledgeIndex.open(path, options)) {
            assertThat(index.openedStatus()).isEqualTo(IndexStatus.MISSING);
            assertThat(index.openedStatus().needsRebuild()).isTrue();
            index.upsert(PASSWORD);
        }
        assertThat(KnowledgeIndex.inspect(path, options)).isEqualTo(IndexStatus.READY);
        try (KnowledgeIndex index = KnowledgeIndex.open(path, options)) {
            assertThat(index.openedStatus()).isEqualTo(IndexStatus.READY);
            assertThat(slugs(index.search("password", "en", 5))).containsExactly("password");
        }
    }

    @Test
    void indexBuiltWithAnotherEmbeddingModelIsStaleAndCleared(@TempDir Path dir) {
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, IndexOptions.of(EmbeddingSupport.none()))) {
            index.upsert(PASSWORD);
        }
        EmbeddingSupport emb = new EmbeddingSupport(new HashingEmbeddingModel(), "hashing-test", Set.of("en"), "", "");
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, IndexOptions.of(emb))) {
            assertThat(index.openedStatus()).isEqualTo(IndexStatus.STALE);
            assertThat(index.articleCount()).isZero();
        }
    }

    @Test
    void corruptIndexIsDetectedAndCleared(@TempDir Path dir) throws IOException {
        IndexOptions options = IndexOptions.of(EmbeddingSupport.none());
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, options)) {
            index.upsertAll(List.of(PASSWORD, INVOICES));
        }
        // Damage the largest data file in the middle, as a torn write or disk error would.
        Path victim;
        try (Stream<Path> files = Files.list(dir)) {
            victim = files.filter(p -> !p.getFileName().toString().startsWith("segments")
                            && !p.getFileName().toString().equals("write.lock"))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(victim);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 16; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Files.write(victim, bytes);

        assertThat(KnowledgeIndex.inspect(dir, options)).isEqualTo(IndexStatus.CORRUPT);
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, options)) {
            assertThat(index.openedStatus()).isEqualTo(IndexStatus.CORRUPT);
            index.upsert(INVOICES);
            assertThat(slugs(index.search("invoices", "en", 5))).containsExactly("invoices");
        }
    }
}
