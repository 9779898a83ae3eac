package io.parley.knowledge.help;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.knowledge.Article;
import io.parley.knowledge.index.ArticleHit;

import org.springframework.web.util.UriUtils;

import static io.parley.knowledge.help.HelpLayout.esc;

/** The help centre's pages as HTML: home with categories, a category, an article, search results, not found. */
final class HelpPages {

    private static final int PER_CATEGORY_ON_HOME = 6;

    private final HelpTexts texts;
    private final HelpMarkdown markdown;
    private final HelpLayout layout;

    HelpPages(HelpTexts texts, HelpMarkdown markdown) {
        this.texts = texts;
        this.markdown = markdown;
        this.layout = new HelpLayout(texts);
    }

    static String path(String locale, String slug) {
        return "/help/" + UriUtils.encodePathSegment(locale, StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8);
    }

    static String tagPath(String locale, String tag) {
        return "/help/" + UriUtils.encodePathSegment(locale, StandardCharsets.UTF_8) + "/tags/"
                + UriUtils.encodePathSegment(tag, StandardCharsets.UTF_8);
    }

    String home(String base, HelpCatalogue.Snapshot catalogue, HelpCatalogue.Shelf shelf) {
        String l = shelf.locale();
        StringBuilder body = new StringBuilder(4096);
        body.append("<h1>").append(esc(texts.t(l, "helpCentre"))).append("</h1>\n<p class=\"lead\">")
                .append(esc(texts.t(l, "helpIntro"))).append("</p>\n<section aria-labelledby=\"categories\">\n<h2 id=\"categories\">")
                .append(esc(texts.t(l, "helpCategories"))).append("</h2>\n<div class=\"categories\">\n");
        shelf.byTag().forEach((tag, list) -> {
            body.append("<section class=\"category\"><h3><a href=\"").append(esc(tagPath(l, tag))).append("\">")
                    .append(esc(label(tag))).append("</a> <span class=\"count\">").append(list.size()).append("</span></h3><ul>");
            list.stream().limit(PER_CATEGORY_ON_HOME).forEach(a -> item(body, a));
            body.append("</ul></section>\n");
        });
        body.append("</div>\n</section>\n<section aria-labelledby=\"all\">\n<h2 id=\"all\">")
                .append(esc(texts.t(l, "helpAllArticles"))).append("</h2>\n<ul class=\"articles\">");
        shelf.articles().forEach(a -> item(body, a));
        body.append("</ul>\n</section>");
        Map<String, String> alternates = new LinkedHashMap<>();
        catalogue.locales().forEach(other -> alternates.put(other, base + "/help/" + other));
        return layout.render(new HelpLayout.Page(l, texts.t(l, "helpCentre"), texts.t(l, "helpIntro"),
                base + "/help/" + l, alternates, "", true, body.toString()), catalogue.locales());
    }

    String tag(String base, HelpCatalogue.Snapshot catalogue, HelpCatalogue.Shelf shelf, String tag) {
        String l = shelf.locale();
        StringBuilder body = new StringBuilder(2048);
        crumbs(body, l, null);
        body.append("<h1>").append(esc(label(tag))).append("</h1>\n<ul class=\"articles\">");
        shelf.byTag().getOrDefault(tag, List.of()).forEach(a -> item(body, a));
        body.append("</ul>");
        return layout.render(new HelpLayout.Page(l, label(tag), null, base + tagPath(l, tag), Map.of(l, base + tagPath(l, tag)),
                "", true, body.toString()), catalogue.locales());
    }

    /** @param feedback null: ask "Was this helpful?"; otherwise the thanks after an answer */
    String article(String base, HelpCatalogue.Snapshot catalogue, HelpCatalogue.Shelf shelf, Article article, Boolean feedback) {
        String l = article.locale();
        StringBuilder body = new StringBuilder(article.body().length() * 2 + 2048);
        crumbs(body, l, article.tags().isEmpty() ? null : article.tags().get(0).strip().toLowerCase(Locale.ROOT));
        body.append("<article class=\"article\">\n<h1>").append(esc(article.title())).append("</h1>\n<p class=\"meta\">")
                .append(esc(texts.t(l, "helpUpdated", "date", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(Locale.forLanguageTag(l)).format(article.updatedAt().atZone(ZoneOffset.UTC)))))
                .append("</p>\n<div class=\"body\">\n")
                .append(markdown.html(article.id() + "@" + article.version(), article.body()))
                .append("</div>\n</article>\n");
        feedback(body, article, feedback);
        related(body, shelf, article);
        Map<String, String> alternates = new LinkedHashMap<>();
        for (String other : catalogue.locales()) {
            catalogue.translations(article).stream().filter(a -> a.locale().equals(other)).findFirst()
                    .ifPresent(a -> alternates.put(other, base + path(a.locale(), a.slug())));
        }
        return layout.render(new HelpLayout.Page(l, article.title(), description(article), base + path(l, article.slug()),
                alternates, "", true, body.toString()), catalogue.locales());
    }

    String search(String base, HelpCatalogue.Snapshot catalogue, String locale, String query, List<ArticleHit> hits) {
        StringBuilder body = new StringBuilder(4096);
        crumbs(body, locale, null);
        body.append("<h1>").append(esc(texts.t(locale, "helpResultsFor", "query", query))).append("</h1>\n");
        if (hits.isEmpty()) {
            body.append("<p class=\"empty\">").append(esc(texts.t(locale, "helpNoResults"))).append("</p>");
        }
        else {
            body.append("<ol class=\"results\">");
            for (ArticleHit hit : hits) {
                body.append("<li><a href=\"").append(esc(path(hit.locale(), hit.slug()))).append("\"");
                if (!hit.locale().equals(locale)) {
                    body.append(" hreflang=\"").append(esc(hit.locale())).append('"');
                }
                body.append('>').append(esc(hit.title())).append("</a><p>").append(esc(hit.snippet())).append("</p></li>");
            }
            body.append("</ol>");
        }
        String self = base + "/help/" + locale + "/search?q=" + UriUtils.encodeQueryParam(query, StandardCharsets.UTF_8);
        return layout.render(new HelpLayout.Page(locale, texts.t(locale, "helpResultsFor", "query", query), null, self,
                Map.of(), query, false, body.toString()), catalogue.locales());
    }

    String notFound(String base, HelpCatalogue.Snapshot catalogue, String locale) {
        String body = "<h1>" + esc(texts.t(locale, "helpNotFound")) + "</h1>\n<p><a href=\"/help/" + esc(locale) + "\">"
                + esc(texts.t(locale, "helpBack")) + "</a></p>";
        return layout.render(new HelpLayout.Page(locale, texts.t(locale, "helpNotFound"), null, base + "/help/" + locale,
                Map.of(), "", false, body), catalogue.locales());
    }

    private void feedback(StringBuilder body, Article article, Boolean answered) {
        String l = article.locale();
        body.append("<section class=\"feedback\" id=\"feedback\" aria-labelledby=\"feedback-title\">\n");
        if (answered != null) {
            body.append("<p id=\"feedback-title\" class=\"thanks\" role=\"status\">").append(esc(texts.t(l, "helpThanks")))
                    .append("</p>\n");
        }
        else {
            body.append("<form method=\"post\" action=\"").append(esc(path(l, article.slug()))).append("/feedback\">\n")
                    .append("<p id=\"feedback-title\">").append(esc(texts.t(l, "helpWasHelpful"))).append("</p>\n")
                    .append("<button type=\"submit\" name=\"helpful\" value=\"yes\">").append(esc(texts.t(l, "helpYes")))
                    .append("</button>\n<button type=\"submit\" name=\"helpful\" value=\"no\">").append(esc(texts.t(l, "helpNo")))
                    .append("</button>\n</form>\n");
        }
        body.append("</section>\n");
    }

    private void related(StringBuilder body, HelpCatalogue.Shelf shelf, Article article) {
        if (article.tags().isEmpty()) {
            return;
        }
        List<Article> others = shelf.byTag().getOrDefault(article.tags().get(0).strip().toLowerCase(Locale.ROOT), List.of())
                .stream().filter(a -> !a.id().equals(article.id())).limit(5).toList();
        if (others.isEmpty()) {
            return;
        }
        body.append("<aside class=\"related\" aria-labelledby=\"related\"><h2 id=\"related\">")
                .append(esc(texts.t(article.locale(), "helpRelated"))).append("</h2><ul>");
        others.forEach(a -> item(body, a));
        body.append("</ul></aside>");
    }

    private void crumbs(StringBuilder body, String locale, String tag) {
        body.append("<nav class=\"crumbs\" aria-label=\"").append(esc(texts.t(locale, "helpBreadcrumbs"))).append("\"><a href=\"/help/")
                .append(esc(locale)).append("\">").append(esc(texts.t(locale, "helpCentre"))).append("</a>");
        if (tag != null) {
            body.append(" › <a href=\"").append(esc(tagPath(locale, tag))).append("\">").append(esc(label(tag))).append("</a>");
        }
        body.append("</nav>\n");
    }

    private static void item(StringBuilder body, Article a) {
        body.append("<li><a href=\"").append(esc(path(a.locale(), a.slug()))).append("\">").append(esc(a.title()))
                .append("</a></li>");
    }

    /** "getting-started" → "Getting started". */
    static String label(String tag) {
        String words = tag.replace('-', ' ').replace('_', ' ').strip();
        return words.isEmpty() ? tag : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** The opening of the article as plain text, for the description meta tag. */
    private String description(Article article) {
        String plain = markdown.firstParagraph(article.id() + "@" + article.version(), article.body());
        return plain.length() <= 160 ? plain : plain.substring(0, 157).strip() + "…";
    }
}
