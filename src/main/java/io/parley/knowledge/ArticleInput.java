package io.parley.knowledge;

import java.util.List;

/**
 * Article fields as a writer (or the import) gives them, before validation.
 *
 * @param slug URL name, {@code [a-z0-9-]}, at most 120 characters; null: derived from the title
 * @param locale language tag; null: {@code en}
 * @param body Markdown, required
 * @param tags at most 20; null: none
 * @param sourceUrl optional http(s) URL where the content comes from
 * @param translationOf optional slug of the source-language article
 */
public record ArticleInput(String slug, String locale, String title, String body, List<String> tags, String sourceUrl,
        String translationOf) {
}
