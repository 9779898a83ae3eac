package io.parley.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A full snapshot of an article taken when it was saved. Revisions are never rewritten: restoring one saves a new
 * revision with its content.
 *
 * @param revision 1, 2, 3, ... per article
 * @param restoredFrom for {@link RevisionAction#RESTORED}: the revision whose content was brought back, else null
 */
public record ArticleRevision(UUID articleId, int revision, RevisionAction action, String slug, String locale,
        String title, String body, List<String> tags, ArticleStatus status, String sourceUrl, String translationOf,
        Integer restoredFrom, Editor editor, Instant createdAt) {

    public ArticleRevision {
        tags = List.copyOf(tags);
    }

    ArticleContent content() {
        return new ArticleContent(slug, locale, title, body, tags, sourceUrl, translationOf);
    }
}
