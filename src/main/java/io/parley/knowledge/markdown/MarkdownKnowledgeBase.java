package io.parley.knowledge.markdown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a knowledge-base folder: Markdown files at any depth with YAML front matter.
 * <p>
 * Every file is parsed independently; a file that fails (no or broken front matter, no title, empty body, a
 * slug+locale already taken by another file of the folder) is reported as a {@link KnowledgeBaseProblem} and
 * skipped, and the rest still loads. Files are visited in path order, so which of two duplicates wins is stable:
 * the first path keeps the slug, the later one is reported.
 */
public final class MarkdownKnowledgeBase {

    private static final Pattern LOCALE_CODE = Pattern.compile("[a-z]{2}([-_][A-Za-z]{2,4})?");
    private static final String DEFAULT_LOCALE = "en";

    private MarkdownKnowledgeBase() {
    }

    /** Reads every {@code *.md} / {@code *.markdown} file under {@code folder}, at any depth. */
    public static KnowledgeBaseContent read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Knowledge-base folder does not exist or is not a directory: " + folder);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".md") || n.endsWith(".markdown");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list knowledge-base folder " + folder, e);
        }
        List<MarkdownArticle> articles = new ArrayList<>();
        List<KnowledgeBaseProblem> problems = new ArrayList<>();
        Map<String, String> pathBySlugAndLocale = new HashMap<>();
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                problems.add(new KnowledgeBaseProblem(relative, "cannot read file as UTF-8: " + e.getMessage()));
                continue;
            }
            ParseOutcome outcome = parse(relative, content);
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
                continue;
            }
            MarkdownArticle article = outcome.article();
            String key = article.slug() + "\u0000" + article.locale();
            String previous = pathBySlugAndLocale.putIfAbsent(key, relative);
            if (previous != null) {
                problems.add(new KnowledgeBaseProblem(relative, "duplicate slug '" + article.slug() + "' for locale '"
                        + article.locale() + "' (already used by " + previous + ")"));
                continue;
            }
            articles.add(article);
        }
        return new KnowledgeBaseContent(articles, problems);
    }

    /**
     * Parses one file's content. {@code relativePath} is used for defaults (slug from the file name, locale from
     * the parent folder) and in problem reports.
     */
    public static ParseOutcome parse(String relativePath, String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        text = text.replace("\r\n", "\n");
        if (!text.startsWith("---\n") && !text.equals("---")) {
            return ParseOutcome.failed(relativePath, "missing YAML front matter (the file must start with a '---' line)");
        }
        int end = findClosingDelimiter(text);
        if (end < 0) {
            return ParseOutcome.failed(relativePath, "unterminated YAML front matter (no closing '---' line)");
        }
        String yamlText = text.substring(4, end);
        int bodyStart = text.indexOf('\n', end + 1);
        String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1).strip();

        FrontMatter frontMatter;
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
            if (loaded == null) {
                frontMatter = FrontMatter.EMPTY;
            } else if (loaded instanceof Map<?, ?> map) {
                frontMatter = FrontMatter.of(map);
            } else {
                return ParseOutcome.failed(relativePath, "front matter is not a YAML mapping of fields");
            }
        } catch (YAMLException e) {
            return ParseOutcome.failed(relativePath, "broken YAML front matter: " + firstLine(e.getMessage()));
        }

        String title = frontMatter.title().orElse(null);
        if (title == null) {
            return ParseOutcome.failed(relativePath, "missing required front matter field 'title'");
        }
        if (body.isEmpty()) {
            return ParseOutcome.failed(relativePath, "empty article body");
        }
        String fileName = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        String slug = frontMatter.slug().orElse(dot > 0 ? fileName.substring(0, dot) : fileName);
        String locale = frontMatter.locale().map(MarkdownKnowledgeBase::normaliseLocale)
                .orElseGet(() -> localeFromFolder(relativePath));
        MarkdownArticle.Status status;
        String statusText = frontMatter.status().orElse("published").toLowerCase(Locale.ROOT);
        switch (statusText) {
            case "published" -> status = MarkdownArticle.Status.PUBLISHED;
            case "draft" -> status = MarkdownArticle.Status.DRAFT;
            default -> {
                return ParseOutcome.failed(relativePath, "unknown status '" + statusText + "' (expected published or draft)");
            }
        }
        List<String> tags = frontMatter.tags();
        String translationOf = frontMatter.translationOf().orElse(null);
        String source = frontMatter.source().orElse(null);
        return new ParseOutcome(new MarkdownArticle(relativePath, slug, locale, title, body, tags, status, translationOf,
                source), null);
    }

    /** Either an article or a problem. */
    public record ParseOutcome(MarkdownArticle article, KnowledgeBaseProblem problem) {
        static ParseOutcome failed(String path, String reason) {
            return new ParseOutcome(null, new KnowledgeBaseProblem(path, reason));
        }
    }

    /** {@code pt_br} / {@code PT-BR} become {@code pt-BR}; two-letter codes become lower case. */
    public static String normaliseLocale(String locale) {
        String l = locale.strip().replace('_', '-');
        int dash = l.indexOf('-');
        if (dash < 0) {
            return l.toLowerCase(Locale.ROOT);
        }
        return l.substring(0, dash).toLowerCase(Locale.ROOT) + "-" + l.substring(dash + 1).toUpperCase(Locale.ROOT);
    }

    private static String localeFromFolder(String relativePath) {
        String[] parts = relativePath.split("/");
        if (parts.length >= 2) {
            String parent = parts[parts.length - 2];
            if (LOCALE_CODE.matcher(parent).matches()) {
                return normaliseLocale(parent);
            }
        }
        return DEFAULT_LOCALE;
    }

    private static int findClosingDelimiter(String text) {
        int from = 4;
        while (true) {
            int idx = text.indexOf("\n---", from - 1);
            if (idx < 0) {
                return -1;
            }
            int after = idx + 4;
            if (after == text.length() || text.charAt(after) == '\n'
                    || text.substring(after, text.indexOf('\n', after) < 0 ? text.length() : text.indexOf('\n', after)).isBlank()) {
                return idx + 1;
            }
            from = after;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
