package io.parley.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A help article, the aggregate that owns its life: every change is an intent-named method that refuses what the
 * current state does not allow (publishing an archived article, editing a deleted one, ...) and returns the
 * changed article; saving it (with a revision) is {@link Articles}' job. A change that changes nothing returns the
 * same instance, which saves nothing.
 * <pre>
 *   draft ──publish──▶ published ──unpublish──▶ draft
 *   draft | published ──archive──▶ archived ──unarchive──▶ draft
 *   any ──delete──▶ deleted (final)
 * </pre>
 *
 * @param author who created it
 * @param updatedBy who changed it last
 * @param publishedAt when it was last published; kept after unpublishing
 * @param version optimistic-locking version: an update names the version it was based on
 * @param deletedAt set once deleted; deleted articles are never returned by the API
 */
public record Article(UUID id, String slug, String locale, String title, String body, List<String> tags,
        ArticleStatus status, String sourceUrl, String translationOf, String author, String updatedBy,
        Instant createdAt, Instant updatedAt, Instant publishedAt, long version, @JsonIgnore Instant deletedAt) {

    public Article {
        tags = List.copyOf(tags);
    }

    static Article create(UUID id, ArticleContent content, Editor editor, Instant now) {
        return new Article(id, content.slug(), content.locale(), content.title(), content.body(), content.tags(),
                ArticleStatus.DRAFT, content.sourceUrl(), content.translationOf(), editor.name(), editor.name(), now, now,
                null, 0, null);
    }

    /** The content as a revision snapshots it (everything but status and bookkeeping). */
    public ArticleContent content() {
        return new ArticleContent(slug, locale, title, body, tags, sourceUrl, translationOf);
    }

    /** Published and not deleted: what customers and the bot may see. */
    public boolean live() {
        return status == ArticleStatus.PUBLISHED && deletedAt == null;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Replaces the content; a published article stays published (the new content goes live). */
    Article edit(ArticleContent content, Editor editor, Instant now) {
        requireNotDeleted("edited");
        if (content.equals(content())) {
            return this;
        }
        if (status == ArticleStatus.ARCHIVED) {
            throw ArticleException.refused("An archived article cannot be edited; unarchive it first");
        }
        return withContent(content, status, editor, now, publishedAt);
    }

    Article publish(Editor editor, Instant now) {
        requireNotDeleted("published");
        return switch (status) {
            case DRAFT -> withContent(content(), ArticleStatus.PUBLISHED, editor, now, now);
            case PUBLISHED -> throw ArticleException.refused("The article is already published");
            case ARCHIVED -> throw ArticleException.refused("An archived article cannot be published; unarchive it first");
        };
    }

    Article unpublish(Editor editor, Instant now) {
        requireNotDeleted("unpublished");
        if (status != ArticleStatus.PUBLISHED) {
            throw ArticleException.refused("Only a published article can be unpublished; this one is " + status.json());
        }
        return withContent(content(), ArticleStatus.DRAFT, editor, now, publishedAt);
    }

    Article archive(Editor editor, Instant now) {
        requireNotDeleted("archived");
        if (status == ArticleStatus.ARCHIVED) {
            throw ArticleException.refused("The article is already archived");
        }
        return withContent(content(), ArticleStatus.ARCHIVED, editor, now, publishedAt);
    }

    Article unarchive(Editor editor, Instant now) {
        requireNotDeleted("unarchived");
        if (status != ArticleStatus.ARCHIVED) {
            throw ArticleException.refused("Only an archived article can be unarchived; this one is " + status.json());
        }
        return withContent(content(), ArticleStatus.DRAFT, editor, now, publishedAt);
    }

    /**
     * Brings back an earlier revision's content. The status stays as it is: restoring never publishes or hides
     * anything by itself (a restored published article goes live with the old content).
     */
    Article restore(ArticleRevision revision, Editor editor, Instant now) {
        requireNotDeleted("restored");
        if (!revision.articleId().equals(id)) {
            throw new IllegalArgumentException("revision " + revision.revision() + " belongs to another article");
        }
        if (status == ArticleStatus.ARCHIVED) {
            throw ArticleException.refused("An archived article cannot be restored; unarchive it first");
        }
        return revision.content().equals(content()) ? this : withContent(revision.content(), status, editor, now, publishedAt);
    }

    /**
     * Takes over what a Markdown file says, content and status (draft or published) in one step. An archived
     * article is refused: archiving in the writer pages is a decision a re-import must not undo.
     */
    Article importFrom(ArticleContent content, ArticleStatus wanted, Editor editor, Instant now) {
        requireNotDeleted("imported");
        if (wanted == ArticleStatus.ARCHIVED) {
            throw new IllegalArgumentException("the import only sets draft or published");
        }
        if (status == ArticleStatus.ARCHIVED) {
            throw ArticleException.refused("The article is archived; the import leaves it alone");
        }
        if (content.equals(content()) && wanted == status) {
            return this;
        }
        Instant published = wanted == ArticleStatus.PUBLISHED && status != ArticleStatus.PUBLISHED ? now : publishedAt;
        return withContent(content, wanted, editor, now, published);
    }

    Article delete(Editor editor, Instant now) {
        requireNotDeleted("deleted");
        return new Article(id, slug, locale, title, body, tags, status, sourceUrl, translationOf, author, editor.name(),
                createdAt, now, publishedAt, version, now);
    }

    /** The same article as saved under {@code newVersion}. */
    Article savedAs(long newVersion) {
        return new Article(id, slug, locale, title, body, tags, status, sourceUrl, translationOf, author, updatedBy,
                createdAt, updatedAt, publishedAt, newVersion, deletedAt);
    }

    private Article withContent(ArticleContent c, ArticleStatus newStatus, Editor editor, Instant now, Instant published) {
        return new Article(id, c.slug(), c.locale(), c.title(), c.body(), c.tags(), newStatus, c.sourceUrl(),
                c.translationOf(), author, editor.name(), createdAt, now, published, version, deletedAt);
    }

    private void requireNotDeleted(String what) {
        if (deletedAt != null) {
            throw ArticleException.refused("A deleted article cannot be " + what);
        }
    }
}
