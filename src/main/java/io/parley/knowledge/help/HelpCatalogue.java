package io.parley.knowledge.help;

import java.text.Collator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.parley.knowledge.Article;
import io.parley.knowledge.ArticlePublished;
import io.parley.knowledge.ArticleWithdrawn;
import io.parley.knowledge.Articles;
import io.parley.knowledge.KnowledgeProperties;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the help centre shows: every published article, by locale, tag and translation group, read from PostgreSQL
 * in one query and kept in memory. A publish or withdrawal on this node drops the snapshot right after its commit;
 * changes made on another node show here after at most {@link #MAX_AGE}. Pages therefore never wait on the database.
 */
@Component
class HelpCatalogue {

    static final Duration MAX_AGE = Duration.ofSeconds(15);
    static final int MAX_PAGES = 5_000;

    private final Articles articles;
    private final String defaultLocale;
    private volatile Snapshot snapshot;

    HelpCatalogue(Articles articles, KnowledgeProperties properties) {
        this.articles = articles;
        this.defaultLocale = properties.defaultLocale();
    }

    /**
     * A rendered page, its UTF-8 bytes (encoded once, not per response) and its entity tag (a digest of the HTML, so
     * it survives a new snapshot of the same articles).
     */
    record Page(String html, byte[] body, String etag) {

        static Page of(String html) {
            byte[] body = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
                return new Page(html, body, "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"");
            }
            catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One locale's articles. */
    record Shelf(String locale, List<Article> articles, Map<String, List<Article>> byTag, Map<String, Article> bySlug) {
    }

    /**
     * @param locales locales with a published article, the default first
     * @param groups translation group (the source article's slug) → its articles in every locale
     */
    record Snapshot(Map<String, Shelf> shelves, List<String> locales, Map<String, List<Article>> groups, long builtAt,
            Map<String, Page> pages) {

        /**
         * A page of this snapshot, rendered once: pages only change with the articles, and a new snapshot starts
         * with no pages. Bounded, because the keys include what readers type (unknown tags are not cached).
         */
        Page page(String key, java.util.function.Supplier<String> render) {
            return page(key, render, MAX_PAGES);
        }

        /** The same with a lower bound, for pages keyed by free text (search results) that must not crowd out articles. */
        Page page(String key, java.util.function.Supplier<String> render, int bound) {
            Page page = pages.get(key);
            if (page == null) {
                page = Page.of(render.get());
                if (pages.size() < bound) {
                    pages.put(key, page);
                }
            }
            return page;
        }

        Optional<Shelf> shelf(String locale) {
            return Optional.ofNullable(shelves.get(locale));
        }

        /** The same article in the other locales (hreflang alternates), the given one included. */
        List<Article> translations(Article article) {
            return groups.getOrDefault(group(article), List.of(article));
        }
    }

    String defaultLocale() {
        return defaultLocale;
    }

    Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.builtAt() > MAX_AGE.toNanos()) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ArticlePublished event) {
        snapshot = null;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ArticleWithdrawn event) {
        snapshot = null;
    }

    private Snapshot load() {
        List<Article> all;
        try (Stream<Article> published = articles.streamAllPublished()) {
            all = published.toList();
        }
        Map<String, List<Article>> byLocale = all.stream().collect(Collectors.groupingBy(Article::locale, TreeMap::new,
                Collectors.toList()));
        Map<String, Shelf> shelves = new LinkedHashMap<>();
        byLocale.forEach((locale, list) -> shelves.put(locale, shelf(locale, list)));
        List<String> locales = new ArrayList<>(shelves.keySet());
        if (locales.remove(defaultLocale)) {
            locales.add(0, defaultLocale);
        }
        Map<String, List<Article>> groups = all.stream().collect(Collectors.groupingBy(HelpCatalogue::group));
        return new Snapshot(shelves, List.copyOf(locales), groups, System.nanoTime(), new java.util.concurrent.ConcurrentHashMap<>());
    }

    private static Shelf shelf(String locale, List<Article> list) {
        Collator collator = Collator.getInstance(Locale.forLanguageTag(locale));
        List<Article> sorted = list.stream().sorted(Comparator.comparing(Article::title, collator)).toList();
        Map<String, List<Article>> byTag = new TreeMap<>(collator);
        for (Article article : sorted) {
            for (String tag : article.tags()) {
                byTag.computeIfAbsent(tag.strip().toLowerCase(Locale.ROOT), t -> new ArrayList<>()).add(article);
            }
        }
        Map<String, Article> bySlug = sorted.stream().collect(Collectors.toMap(Article::slug, a -> a, (a, b) -> a));
        return new Shelf(locale, sorted, byTag, bySlug);
    }

    /** Translations name their source's slug in {@code translation-of}; the source itself is its own group. */
    static String group(Article article) {
        return article.translationOf() != null && !article.translationOf().isBlank() ? article.translationOf() : article.slug();
    }
}
