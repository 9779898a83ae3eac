package io.parley.knowledge.help;

import java.util.List;
import java.util.Map;

/**
 * The frame of every help-centre page: language and direction, title, description, canonical URL and
 * {@code hreflang} alternates, the search box, the locale switcher, and the widget. No inline script or style
 * (the Content-Security-Policy forbids inline script): the page's CSS and the widget's loader are files.
 */
final class HelpLayout {

    /**
     * @param canonical absolute URL of this page
     * @param alternates locale → absolute URL of this page in that locale (the locale switcher and hreflang links)
     * @param query the search box's current text ("" on other pages)
     * @param indexable false: {@code noindex} (search results, not-found pages)
     */
    record Page(String locale, String title, String description, String canonical, Map<String, String> alternates,
            String query, boolean indexable, String body) {
    }

    private final HelpTexts texts;

    HelpLayout(HelpTexts texts) {
        this.texts = texts;
    }

    String render(Page page, List<String> locales) {
        String locale = page.locale();
        StringBuilder html = new StringBuilder(8192 + page.body().length());
        html.append("<!doctype html>\n<html lang=\"").append(esc(locale)).append("\" dir=\"")
                .append(HelpTexts.rtl(locale) ? "rtl" : "ltr").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(page.title())).append(" · ").append(esc(texts.t(locale, "helpCentre")))
                .append("</title>\n");
        if (page.description() != null && !page.description().isBlank()) {
            html.append("<meta name=\"description\" content=\"").append(esc(page.description())).append("\">\n");
        }
        if (!page.indexable()) {
            html.append("<meta name=\"robots\" content=\"noindex, follow\">\n");
        }
        html.append("<link rel=\"canonical\" href=\"").append(esc(page.canonical())).append("\">\n");
        if (page.indexable() && page.alternates().size() > 1) {
            page.alternates().forEach((l, url) -> html.append("<link rel=\"alternate\" hreflang=\"").append(esc(l))
                    .append("\" href=\"").append(esc(url)).append("\">\n"));
            String fallback = page.alternates().values().iterator().next();
            html.append("<link rel=\"alternate\" hreflang=\"x-default\" href=\"").append(esc(fallback)).append("\">\n");
        }
        html.append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/common/help.css\">\n</head>\n<body>\n")
                .append("<a class=\"skip-link\" href=\"#main\">").append(esc(texts.t(locale, "helpSkip"))).append("</a>\n")
                .append("<header class=\"top\"><div class=\"bar\">\n<a class=\"brand\" href=\"/help/").append(esc(locale))
                .append("\">").append(esc(texts.t(locale, "helpCentre"))).append("</a>\n");
        switcher(html, page, locales);
        html.append("</div>\n<form class=\"search\" role=\"search\" method=\"get\" action=\"/help/").append(esc(locale))
                .append("/search\">\n<label for=\"q\" class=\"sr-only\">").append(esc(texts.t(locale, "helpSearchLabel")))
                .append("</label>\n<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"200\" required value=\"")
                .append(esc(page.query())).append("\" placeholder=\"").append(esc(texts.t(locale, "helpSearchPlaceholder")))
                .append("\">\n<button type=\"submit\">").append(esc(texts.t(locale, "helpSearchButton")))
                .append("</button>\n</form>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n").append(page.body())
                .append("\n</main>\n<footer class=\"foot\"><p>").append(esc(texts.t(locale, "helpAskUs")))
                .append("</p></footer>\n")
                // the customer widget, offered on every page in the page's language
                .append("<script src=\"/widget/parley.js\" data-locale=\"").append(esc(locale))
                .append("\" async></script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void switcher(StringBuilder html, Page page, List<String> locales) {
        if (locales.size() < 2) {
            return;
        }
        html.append("<nav class=\"locales\" aria-label=\"").append(esc(texts.t(page.locale(), "helpLanguage")))
                .append("\"><ul>");
        for (String l : locales) {
            // the same page in that locale when it exists there, else that locale's home
            String href = page.alternates().getOrDefault(l, "/help/" + l);
            html.append("<li><a lang=\"").append(esc(l)).append("\" hreflang=\"").append(esc(l)).append("\" href=\"")
                    .append(esc(href)).append('"');
            if (l.equals(page.locale())) {
                html.append(" aria-current=\"true\"");
            }
            html.append('>').append(esc(HelpTexts.nativeName(l))).append("</a></li>");
        }
        html.append("</ul></nav>\n");
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            }
            else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
