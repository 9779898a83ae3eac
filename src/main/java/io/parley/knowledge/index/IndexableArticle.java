package io.parley.knowledge.index;

import java.util.List;
import java.util.Objects;

import io.parley.knowledge.markdown.MarkdownArticle;

/**
 * An article as the index sees it. The id is the caller's stable article id (the database id once articles live in
 * PostgreSQL); {@link #from(MarkdownArticle)} derives one from locale and slug for file-based knowledge bases.
 *
 * @param id        stable article id; upsert and delete key
 * @param slug      URL slug
 * @param locale    locale code such as {@code en}, {@code tr}, {@code pt-BR}; picks the analyzer
 * @param title     article title
 * @param body      Markdown body
 * @param tags      tags (indexed with the title, they are short, curated descriptions of the article)
 * @param published only published articles are returned by searches; drafts are indexed but filtered out
 * @param url       link to the article shown to customers, or null
 */
public record IndexableArticle(String id, String slug, String locale, String title, String body, List<String> tags,
                               boolean published, String url) {

    public IndexableArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Id {@code locale/slug}, which is what the Markdown import keys on (slug+locale is unique). */
    public static IndexableArticle from(MarkdownArticle a) {
        return new IndexableArticle(a.locale() + "/" + a.slug(), a.slug(), a.locale(), a.title(), a.body(), a.tags(),
                a.published(), a.source());
    }
}
