package io.parley.knowledge;

/**
 * What {@link Articles#upsertFromImport} did with one file.
 *
 * @param article the article as it is now
 */
public record ImportResult(Outcome outcome, Article article) {

    public enum Outcome {
        /** A new article was created from the file. */
        CREATED,
        /** The file changed since it was last imported; the article now says what the file says. */
        UPDATED,
        /** Nothing was written: the file is identical to the article, or unchanged since its last import. */
        UNCHANGED,
        /** The article is archived in the writer pages; the import leaves it alone. */
        SKIPPED_ARCHIVED
    }
}
