package io.parley.knowledge;

/**
 * Who made a change to an article, as recorded in its revisions.
 *
 * @param id the staff account id; null for the system (e.g. the Markdown import)
 * @param name the name shown in the history
 */
public record Editor(String id, String name) {

    /** A change made by the system itself, e.g. {@code Editor.system("import")}. */
    public static Editor system(String name) {
        return new Editor(null, name);
    }
}
