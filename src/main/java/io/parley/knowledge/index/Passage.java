package io.parley.knowledge.index;

/**
 * A retrievable piece of an article: one Markdown section, or one window of sentences of a long section.
 *
 * @param ordinal      position of the passage within its article, from 0
 * @param sectionTitle the heading the passage sits under ("Parent › Child" for ### under ##), or "" before any heading
 * @param text         plain text of the passage (Markdown syntax removed)
 */
public record Passage(int ordinal, String sectionTitle, String text) {
}
