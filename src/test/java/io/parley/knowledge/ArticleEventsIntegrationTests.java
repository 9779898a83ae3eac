package io.parley.knowledge;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.parley.ParleyIntegrationTest;
import io.parley.core.InvalidInput;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Articles API as other modules use it: events for the index, and the idempotent import. */
@ParleyIntegrationTest
@RecordApplicationEvents
class ArticleEventsIntegrationTests {

    static final Editor WRITER = new Editor(UUID.randomUUID().toString(), "Wendy");

    @Autowired
    Articles articles;

    @Autowired
    ApplicationEvents events;

    @Test
    void publishingEditingAndWithdrawingAreAnnounced() {
        Article draft = articles.create(input(slug(), "Title", "Body"), null, WRITER);
        assertThat(published()).isEmpty();

        articles.publish(draft.id(), WRITER);
        Article edited = articles.update(draft.id(), 1, input(draft.slug(), "Title", "New body"), WRITER);
        articles.update(draft.id(), edited.version(), input(draft.slug(), "Title", "New body"), WRITER);
        assertThat(published()).containsExactly(new ArticlePublished(draft.id(), draft.slug(), "en"),
                new ArticlePublished(draft.id(), draft.slug(), "en"));

        articles.unpublish(draft.id(), WRITER);
        articles.archive(draft.id(), WRITER);
        articles.delete(draft.id(), WRITER);
        // only the unpublish withdrew something customers could see
        assertThat(withdrawn()).containsExactly(new ArticleWithdrawn(draft.id(), draft.slug(), "en"));
        assertThat(articles.find(draft.id())).isEmpty();
    }

    @Test
    void archivingOrDeletingAPublishedArticleWithdrawsIt() {
        Article one = articles.create(input(slug(), "One", "Body"), ArticleStatus.PUBLISHED, WRITER);
        Article two = articles.create(input(slug(), "Two", "Body"), ArticleStatus.PUBLISHED, WRITER);

        articles.archive(one.id(), WRITER);
        articles.delete(two.id(), WRITER);

        assertThat(withdrawn()).extracting(ArticleWithdrawn::articleId).containsExactly(one.id(), two.id());
        assertThat(articles.findPublished(one.id())).isEmpty();
    }

    @Test
    void importingTheSameFileTwiceWritesOneRevisionAndAnnouncesOnce() {
        ImportedArticle file = new ImportedArticle(slug(), "en", "Refunds", "We refund within 14 days.",
                List.of("billing"), null, "https://example.com/refunds", null);

        ImportResult first = articles.upsertFromImport(file, "import");
        ImportResult second = articles.upsertFromImport(file, "import");

        assertThat(first.outcome()).isEqualTo(ImportResult.Outcome.CREATED);
        assertThat(first.article().status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(second.outcome()).isEqualTo(ImportResult.Outcome.UNCHANGED);
        assertThat(second.article().version()).isEqualTo(first.article().version());
        assertThat(articles.revisions(first.article().id())).singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo(RevisionAction.IMPORTED);
                    assertThat(r.editor().name()).isEqualTo("import");
                    assertThat(r.sourceUrl()).isEqualTo("https://example.com/refunds");
                });
        assertThat(published()).containsExactly(new ArticlePublished(first.article().id(), file.slug(), "en"));
    }

    @Test
    void aChangedFileUpdatesTheArticleButAnUnchangedOneKeepsAWritersEdits() {
        String slug = slug();
        ImportedArticle v1 = new ImportedArticle(slug, "tr", "İade", "Gövde 1", List.of(), ArticleStatus.PUBLISHED, null, null);
        Article article = articles.upsertFromImport(v1, "import").article();

        // a writer improves the article in the writer pages; the file stays as it was
        articles.update(article.id(), article.version(), new ArticleInput(slug, "tr", "İade", "Gövde, düzeltilmiş", List.of(), null, null), WRITER);
        ImportResult restart = articles.upsertFromImport(v1, "import");
        assertThat(restart.outcome()).isEqualTo(ImportResult.Outcome.UNCHANGED);
        assertThat(articles.get(article.id()).body()).isEqualTo("Gövde, düzeltilmiş");

        // then the file itself changes (a new commit): it wins
        ImportedArticle v2 = new ImportedArticle(slug, "tr", "İade", "Gövde 2", List.of("fatura"), ArticleStatus.DRAFT, null, null);
        ImportResult changed = articles.upsertFromImport(v2, "import");
        assertThat(changed.outcome()).isEqualTo(ImportResult.Outcome.UPDATED);
        assertThat(changed.article().body()).isEqualTo("Gövde 2");
        assertThat(changed.article().status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(articles.revisions(article.id())).extracting(ArticleRevision::action)
                .containsExactly(RevisionAction.IMPORTED, RevisionAction.EDITED, RevisionAction.IMPORTED);
        assertThat(withdrawn()).containsExactly(new ArticleWithdrawn(article.id(), slug, "tr"));

        articles.archive(article.id(), WRITER);
        ImportedArticle v3 = new ImportedArticle(slug, "tr", "İade", "Gövde 3", List.of(), null, null, null);
        assertThat(articles.upsertFromImport(v3, "import").outcome()).isEqualTo(ImportResult.Outcome.SKIPPED_ARCHIVED);
        assertThat(articles.get(article.id()).body()).isEqualTo("Gövde 2");
    }

    @Test
    void aBadFileIsRefusedWithTheFieldsNamedAndNothingStored() {
        String slug = slug();
        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, () -> articles.upsertFromImport(
                new ImportedArticle(slug, "en", " ", "", List.of(), ArticleStatus.ARCHIVED, "not a url", null), "import"));

        assertThat(invalid.fields()).containsKeys("title", "body", "sourceUrl");
        assertThat(articles.findBySlug(slug, "en")).isEmpty();
        assertThat(published()).isEmpty();
    }

    @Test
    void publishedArticlesCanBeReadForAnIndexRebuild() {
        Article live = articles.create(new ArticleInput(slug(), "de", "Live", "Body", null, null, null), ArticleStatus.PUBLISHED, WRITER);
        Article draft = articles.create(new ArticleInput(slug(), "de", "Draft", "Body", null, null, null), null, WRITER);

        assertThat(articles.findPublished("de")).extracting(Article::id).contains(live.id()).doesNotContain(draft.id());
        try (Stream<Article> all = articles.streamAllPublished()) {
            assertThat(all.map(Article::id).toList()).contains(live.id()).doesNotContain(draft.id());
        }
        assertThat(articles.findPublished(live.id())).isPresent();
        assertThat(articles.findPublished(draft.id())).isEmpty();
    }

    private List<ArticlePublished> published() {
        return events.stream(ArticlePublished.class).toList();
    }

    private List<ArticleWithdrawn> withdrawn() {
        return events.stream(ArticleWithdrawn.class).toList();
    }

    private static ArticleInput input(String slug, String title, String body) {
        return new ArticleInput(slug, "en", title, body, List.of(), null, null);
    }

    private static String slug() {
        return "event-" + UUID.randomUUID();
    }
}
