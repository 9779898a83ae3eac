package io.parley.knowledge.markdown;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML front matter of a Markdown article, as typed fields: every value stripped, blank ones absent. What the
 * fields mean (defaults, allowed values) is decided by {@link MarkdownKnowledgeBase}, which reports a bad one.
 *
 * @param tags a YAML list or a comma-separated string; empty when absent
 * @param translationOf the {@code translation-of} field
 */
record FrontMatter(Optional<String> title, Optional<String> slug, Optional<String> locale, Optional<String> status,
        List<String> tags, Optional<String> translationOf, Optional<String> source) {

    static final FrontMatter EMPTY = new FrontMatter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty());

    /** From the mapping SnakeYAML loaded; unknown fields are ignored, keys are compared as text. */
    static FrontMatter of(Map<?, ?> yaml) {
        FrontMatter m = EMPTY;
        for (Map.Entry<?, ?> field : yaml.entrySet()) {
            Object value = field.getValue();
            m = switch (String.valueOf(field.getKey())) {
                case "title" -> new FrontMatter(string(value), m.slug, m.locale, m.status, m.tags, m.translationOf, m.source);
                case "slug" -> new FrontMatter(m.title, string(value), m.locale, m.status, m.tags, m.translationOf, m.source);
                case "locale" -> new FrontMatter(m.title, m.slug, string(value), m.status, m.tags, m.translationOf, m.source);
                case "status" -> new FrontMatter(m.title, m.slug, m.locale, string(value), m.tags, m.translationOf, m.source);
                case "tags" -> new FrontMatter(m.title, m.slug, m.locale, m.status, tags(value), m.translationOf, m.source);
                case "translation-of" -> new FrontMatter(m.title, m.slug, m.locale, m.status, m.tags, string(value), m.source);
                case "source" -> new FrontMatter(m.title, m.slug, m.locale, m.status, m.tags, m.translationOf, string(value));
                default -> m;
            };
        }
        return m;
    }

    private static Optional<String> string(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String s = String.valueOf(value).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static List<String> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(t -> string(t).ifPresent(tags::add));
        } else {
            for (String t : String.valueOf(value).split(",")) {
                string(t).ifPresent(tags::add);
            }
        }
        return List.copyOf(tags);
    }
}
