package io.parley.knowledge;

import java.util.UUID;

/**
 * A published version of an article appeared or changed: it was published, or a published article was edited,
 * restored or re-imported (including a new slug or locale). A search index (re)indexes the article.
 * <p>
 * Published inside the transaction that made the change: listen with {@code @TransactionalEventListener} or
 * {@code @ApplicationModuleListener} to act only once it is committed, then read the current content with
 * {@link Articles#findPublished(UUID)} (it may have changed again since).
 */
public record ArticlePublished(UUID articleId, String slug, String locale) {
}
