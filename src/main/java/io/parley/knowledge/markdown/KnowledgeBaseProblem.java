package io.parley.knowledge.markdown;

/**
 * A knowledge-base file that could not be loaded, and why. The file was skipped; the rest still loads.
 *
 * @param path   the file's path relative to the knowledge-base folder
 * @param reason a human-readable reason, e.g. "missing required front matter field 'title'"
 */
public record KnowledgeBaseProblem(String path, String reason) {
}
