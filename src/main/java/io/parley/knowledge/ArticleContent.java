package io.parley.knowledge;

import java.util.List;

/**
 * The validated, normalised content of an article: everything a revision snapshots except the status. Only
 * {@link Articles} makes these (through validation), so an instance always obeys the rules.
 */
public record ArticleContent(String slug, String locale, String title, String body, List<String> tags,
        String sourceUrl, String translationOf) {

    public ArticleContent {
        tags = List.copyOf(tags);
    }
}
