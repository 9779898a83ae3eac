package io.parley.knowledge;

/**
 * Filters for listing articles; null filters match everything.
 *
 * @param text matched case-insensitively against title and slug
 * @param page 0-based page number
 * @param size page size, 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE})
 */
public record ArticleQuery(String locale, ArticleStatus status, String text, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public ArticleQuery {
        page = Math.max(0, page);
        size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }

    public static ArticleQuery all() {
        return new ArticleQuery(null, null, null, 0, DEFAULT_SIZE);
    }
}
