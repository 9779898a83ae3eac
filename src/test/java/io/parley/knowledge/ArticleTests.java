package io.parley.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleTests {

    static final Editor ADA = new Editor("1", "Ada");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);

    final ArticleContent content = new ArticleContent("reset-password", "en", "Reset your password",
            "Click *Forgot password*.", List.of("account"), null, null);
    final Article draft = Article.create(UUID.randomUUID(), content, ADA, T0);

    @Test
    void aNewArticleIsADraftByItsAuthor() {
        assertThat(draft.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(draft.author()).isEqualTo("Ada");
        assertThat(draft.publishedAt()).isNull();
        assertThat(draft.live()).isFalse();
        assertThat(draft.content()).isEqualTo(content);
    }

    @Test
    void aDraftIsPublishedUnpublishedAndPublishedAgain() {
        Article published = draft.publish(ADA, T1);
        assertThat(published.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(published.publishedAt()).isEqualTo(T1);
        assertThat(published.live()).isTrue();

        Article unpublished = published.unpublish(new Editor("2", "Bob"), T1.plusSeconds(1));
        assertThat(unpublished.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(unpublished.updatedBy()).isEqualTo("Bob");
        assertThat(unpublished.publishedAt()).isEqualTo(T1);

        assertThat(unpublished.publish(ADA, T1.plusSeconds(2)).live()).isTrue();
    }

    @Test
    void publishingTwiceOrUnpublishingADraftIsRefused() {
        Article published = draft.publish(ADA, T1);

        assertThatThrownBy(() -> published.publish(ADA, T1)).isInstanceOf(ArticleException.class)
                .hasMessageContaining("already published")
                .extracting(e -> ((ArticleException) e).code()).isEqualTo("article_transition_refused");
        assertThatThrownBy(() -> draft.unpublish(ADA, T1)).hasMessageContaining("Only a published article");
    }

    @Test
    void anArchivedArticleIsReadOnlyUntilUnarchived() {
        Article archived = draft.publish(ADA, T1).archive(ADA, T1);
        ArticleContent changed = new ArticleContent("reset-password", "en", "New title", "New body", List.of(), null, null);

        assertThat(archived.status()).isEqualTo(ArticleStatus.ARCHIVED);
        assertThat(archived.live()).isFalse();
        assertThatThrownBy(() -> archived.publish(ADA, T1)).hasMessageContaining("archived article cannot be published");
        assertThatThrownBy(() -> archived.edit(changed, ADA, T1)).hasMessageContaining("cannot be edited");
        assertThatThrownBy(() -> archived.archive(ADA, T1)).hasMessageContaining("already archived");
        assertThatThrownBy(() -> archived.unpublish(ADA, T1)).isInstanceOf(ArticleException.class);
        assertThatThrownBy(() -> draft.unarchive(ADA, T1)).hasMessageContaining("Only an archived article");

        Article back = archived.unarchive(ADA, T1);
        assertThat(back.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(back.edit(changed, ADA, T1).title()).isEqualTo("New title");
    }

    @Test
    void aDeletedArticleRefusesEverything() {
        Article deleted = draft.publish(ADA, T1).delete(ADA, T1);
        ArticleRevision revision = revision(1, content);

        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.live()).isFalse();
        assertThatThrownBy(() -> deleted.edit(content, ADA, T1)).hasMessageContaining("deleted article cannot be edited");
        assertThatThrownBy(() -> deleted.publish(ADA, T1)).hasMessageContaining("deleted");
        assertThatThrownBy(() -> deleted.unpublish(ADA, T1)).hasMessageContaining("deleted");
        assertThatThrownBy(() -> deleted.archive(ADA, T1)).hasMessageContaining("deleted");
        assertThatThrownBy(() -> deleted.restore(revision, ADA, T1)).hasMessageContaining("deleted");
        assertThatThrownBy(() -> deleted.delete(ADA, T1)).hasMessageContaining("deleted");
    }

    @Test
    void editingAPublishedArticleKeepsItLiveAndIdenticalContentChangesNothing() {
        Article published = draft.publish(ADA, T1);
        ArticleContent changed = new ArticleContent("reset-password", "en", "Reset your password", "Use the link.",
                List.of("account"), null, null);

        Article edited = published.edit(changed, new Editor("2", "Bob"), T1.plusSeconds(5));

        assertThat(edited.live()).isTrue();
        assertThat(edited.body()).isEqualTo("Use the link.");
        assertThat(edited.updatedAt()).isEqualTo(T1.plusSeconds(5));
        assertThat(edited.publishedAt()).isEqualTo(T1);
        assertThat(published.edit(content, ADA, T1.plusSeconds(9))).isSameAs(published);
    }

    @Test
    void restoreBringsBackContentButNotStatus() {
        Article published = draft.publish(ADA, T1)
                .edit(new ArticleContent("reset-password", "en", "Changed", "Changed body", List.of(), null, null), ADA, T1);

        Article restored = published.restore(revision(1, content), ADA, T1);

        assertThat(restored.content()).isEqualTo(content);
        assertThat(restored.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(restored.restore(revision(1, content), ADA, T1)).isSameAs(restored);
        assertThatThrownBy(() -> restored.archive(ADA, T1).restore(revision(1, content), ADA, T1))
                .hasMessageContaining("archived article cannot be restored");
    }

    @Test
    void theImportSetsContentAndStatusInOneStepButLeavesArchivedArticlesAlone() {
        ArticleContent fromFile = new ArticleContent("reset-password", "en", "From the file", "File body", List.of(), null, null);

        Article imported = draft.importFrom(fromFile, ArticleStatus.PUBLISHED, Editor.system("import"), T1);

        assertThat(imported.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(imported.publishedAt()).isEqualTo(T1);
        assertThat(imported.title()).isEqualTo("From the file");
        assertThat(imported.importFrom(fromFile, ArticleStatus.PUBLISHED, Editor.system("import"), T1)).isSameAs(imported);
        assertThat(imported.importFrom(fromFile, ArticleStatus.DRAFT, Editor.system("import"), T1).status())
                .isEqualTo(ArticleStatus.DRAFT);
        assertThatThrownBy(() -> imported.archive(ADA, T1).importFrom(fromFile, ArticleStatus.PUBLISHED, ADA, T1))
                .hasMessageContaining("archived");
    }

    private ArticleRevision revision(int number, ArticleContent c) {
        return new ArticleRevision(draft.id(), number, RevisionAction.CREATED, c.slug(), c.locale(), c.title(), c.body(),
                c.tags(), ArticleStatus.DRAFT, c.sourceUrl(), c.translationOf(), null, ADA, T0);
    }
}
