package io.parley.knowledge;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Which published articles a message links to: links in the form the bot and the agent console write them (the
 * {@code parley.knowledge.article-url} pattern, relative or absolute, or an article's own source URL), as a Markdown
 * link ("Insert link" in the console writes {@code [Title](url)}) or bare.
 */
@Component
public class ArticleLinks {

    /** The most links of one message looked up: a message is not a sitemap. */
    static final int MAX_LINKS = 5;

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(\\s*([^()\\s]{1,2000})\\s*\\)");
    private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s()<>\"'\\]\\[]{1,2000}");
    private static final String TRAILING_PUNCTUATION = ".,;:!?";

    private final ArticleRepository repository;
    private final Pattern template;
    private final boolean relativeTemplate;

    ArticleLinks(ArticleRepository repository, KnowledgeProperties properties) {
        this.repository = repository;
        String url = properties.articleUrl();
        this.relativeTemplate = url.startsWith("/");
        this.template = Pattern.compile(templateRegex(url));
    }

    /** The published articles the text links to, in order of first mention, at most {@value #MAX_LINKS}. */
    public List<Article> linkedIn(String text) {
        if (text == null || text.indexOf('/') < 0) {
            return List.of();
        }
        Map<java.util.UUID, Article> found = new LinkedHashMap<>();
        for (String link : links(text)) {
            resolve(link).ifPresent(a -> found.putIfAbsent(a.id(), a));
        }
        return new ArrayList<>(found.values());
    }

    /** The published article a link points to, if any. */
    public Optional<Article> resolve(String link) {
        String url = link.strip();
        Matcher m = template.matcher(withoutQuery(relativeTemplate ? path(url) : url));
        if (m.matches()) {
            Optional<Article> article = repository.findBySlug(decode(m.group("slug")), decode(m.group("locale")))
                    .filter(Article::live);
            if (article.isPresent()) {
                return article;
            }
        }
        return repository.findPublishedBySourceUrl(url);
    }

    private static List<String> links(String text) {
        List<String> out = new ArrayList<>();
        Matcher markdown = MARKDOWN_LINK.matcher(text);
        while (markdown.find() && out.size() < MAX_LINKS) {
            out.add(markdown.group(1));
        }
        Matcher bare = BARE_URL.matcher(text);
        while (bare.find() && out.size() < MAX_LINKS) {
            String url = bare.group();
            while (!url.isEmpty() && TRAILING_PUNCTUATION.indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
            }
            if (!out.contains(url)) {
                out.add(url);
            }
        }
        return out;
    }

    /** The article-url template as a pattern: literal text quoted, {locale} and {slug} as named groups. */
    static String templateRegex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{(locale|slug)}").matcher(template);
        int last = 0;
        boolean locale = false;
        boolean slug = false;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            if (m.group(1).equals("locale") && !locale) {
                regex.append("(?<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)");
                locale = true;
            }
            else if (m.group(1).equals("slug") && !slug) {
                regex.append("(?<slug>[^/?#\\s]+)");
                slug = true;
            }
            else {
                regex.append("[^/?#\\s]+");
            }
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        if (!locale) {
            regex.append("(?<locale>(?!))?");
        }
        if (!slug) {
            regex.append("(?<slug>(?!))?");
        }
        return regex.append("/?").toString();
    }

    private static String path(String url) {
        if (url.startsWith("/")) {
            return url;
        }
        try {
            String path = URI.create(url).getRawPath();
            return path == null ? url : path;
        }
        catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String withoutQuery(String url) {
        int cut = url.length();
        for (char c : new char[] { '?', '#' }) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }

    private static String decode(String part) {
        if (part == null) {
            return "";
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return part;
        }
    }
}
