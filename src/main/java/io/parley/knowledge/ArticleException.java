package io.parley.knowledge;

import java.util.UUID;

import io.parley.core.ParleyException;

/** Errors of the knowledge module's article API, each with a stable code. */
public class ArticleException extends ParleyException {

    ArticleException(int status, String code, String message) {
        super(status, code, message);
    }

    static ArticleException notFound(UUID id) {
        return new ArticleException(404, "article_not_found", "Unknown article " + id);
    }

    static ArticleException revisionNotFound(UUID id, int revision) {
        return new ArticleException(404, "revision_not_found", "Article " + id + " has no revision " + revision);
    }

    static ArticleException slugTaken(String slug, String locale) {
        return new ArticleException(409, "article_slug_taken",
                "There is already an article '" + slug + "' in locale " + locale);
    }

    static ArticleException versionConflict(UUID id, long expected, long actual) {
        return new ArticleException(409, "article_version_conflict", "Article " + id + " was changed by someone else "
                + "(you edited version " + expected + ", it is now at " + actual + "); reload it and apply your change again");
    }

    /** An intent the article's current state does not allow, e.g. publishing an archived article. */
    static ArticleException refused(String message) {
        return new ArticleException(409, "article_transition_refused", message);
    }
}
