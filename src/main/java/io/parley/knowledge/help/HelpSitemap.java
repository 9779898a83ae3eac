package io.parley.knowledge.help;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import io.parley.knowledge.Article;

import static io.parley.knowledge.help.HelpLayout.esc;

/** {@code /sitemap.xml}: every locale's home and every published article, with its translations as alternates. */
final class HelpSitemap {

    String render(String base, HelpCatalogue.Snapshot catalogue) {
        StringBuilder xml = new StringBuilder(16384);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ")
                .append("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        for (String locale : catalogue.locales()) {
            HelpCatalogue.Shelf shelf = catalogue.shelf(locale).orElseThrow();
            Instant newest = shelf.articles().stream().map(Article::updatedAt).max(Comparator.naturalOrder()).orElse(null);
            url(xml, base + "/help/" + locale, newest, List.of());
            for (Article article : shelf.articles()) {
                List<Article> translations = catalogue.translations(article);
                url(xml, base + HelpPages.path(locale, article.slug()), article.updatedAt(),
                        translations.size() > 1 ? translations : List.of());
            }
        }
        return xml.append("</urlset>\n").toString();
    }

    private static void url(StringBuilder xml, String loc, Instant lastModified, List<Article> alternates) {
        xml.append("<url><loc>").append(esc(loc)).append("</loc>");
        if (lastModified != null) {
            xml.append("<lastmod>").append(DateTimeFormatter.ISO_LOCAL_DATE.format(lastModified.atZone(ZoneOffset.UTC)))
                    .append("</lastmod>");
        }
        String base = loc.substring(0, loc.indexOf("/help/"));
        for (Article a : alternates) {
            xml.append("<xhtml:link rel=\"alternate\" hreflang=\"").append(esc(a.locale())).append("\" href=\"")
                    .append(esc(base + HelpPages.path(a.locale(), a.slug()))).append("\"/>");
        }
        xml.append("</url>\n");
    }
}
