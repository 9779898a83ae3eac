package io.parley.knowledge.markdown;

import java.util.List;
import java.util.Objects;

/**
 * One help article read from a Markdown file of the knowledge base.
 *
 * @param path          the file's path relative to the knowledge-base folder, with '/' separators
 * @param slug          front matter {@code slug}, defaulting to the file name without extension
 * @param locale        front matter {@code locale}, defaulting to the parent folder when it is a locale code, else {@code en}
 * @param title         front matter {@code title} (required)
 * @param body          the Markdown body after the front matter, trimmed (never empty)
 * @param tags          front matter {@code tags} (a list or a comma-separated string), possibly empty
 * @param status        {@code published} (default) or {@code draft}
 * @param translationOf front matter {@code translation-of}: slug of the source-language article, or null
 * @param source        front matter {@code source}: the canonical URL of the article, or null
 */
public record MarkdownArticle(String path, String slug, String locale, String title, String body, List<String> tags,
                              Status status, String translationOf, String source) {

    public enum Status {
        PUBLISHED, DRAFT;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public MarkdownArticle {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        tags = tags == null ? List.of() : List.copyOf(tags);
        status = status == null ? Status.PUBLISHED : status;
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
