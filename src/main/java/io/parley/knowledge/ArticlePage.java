package io.parley.knowledge;

import java.util.List;

/**
 * One page of a listing, most recently updated first.
 *
 * @param total how many articles match the filters, on all pages
 */
public record ArticlePage(List<ArticleSummary> items, int page, int size, long total) {

    public ArticlePage {
        items = List.copyOf(items);
    }
}
