package io.parley.knowledge;

import java.util.List;

/**
 * An article as a Markdown file describes it (front matter and body), for {@link Articles#upsertFromImport}.
 * The same rules as for the writer API apply (see {@link ArticleInput}).
 *
 * @param slug null: derived from the title (the importer usually passes the file name)
 * @param locale null: {@code en}
 * @param status {@link ArticleStatus#PUBLISHED} or {@link ArticleStatus#DRAFT}; null: published
 * @param sourceUrl front matter {@code source}
 * @param translationOf front matter {@code translation-of}
 */
public record ImportedArticle(String slug, String locale, String title, String body, List<String> tags,
        ArticleStatus status, String sourceUrl, String translationOf) {

    ArticleInput input() {
        return new ArticleInput(slug, locale, title, body, tags, sourceUrl, translationOf);
    }
}
