package io.parley.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An article in a list: everything but the body. */
public record ArticleSummary(UUID id, String slug, String locale, String title, List<String> tags, ArticleStatus status,
        String translationOf, String author, String updatedBy, Instant createdAt, Instant updatedAt,
        Instant publishedAt, long version) {

    public ArticleSummary {
        tags = List.copyOf(tags);
    }
}
