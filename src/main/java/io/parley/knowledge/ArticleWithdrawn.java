package io.parley.knowledge;

import java.util.UUID;

/**
 * A published article is no longer published: it was unpublished, archived or deleted. A search index drops it.
 * Only sent for articles that were published; the slug and locale are the ones it was published under.
 * Delivered like {@link ArticlePublished} (inside the transaction; listen after commit).
 */
public record ArticleWithdrawn(UUID articleId, String slug, String locale) {
}
