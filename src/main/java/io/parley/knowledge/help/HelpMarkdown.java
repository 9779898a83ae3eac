package io.parley.knowledge.help;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Article Markdown to HTML on the server with commonmark-java (the parser indexing uses too; plus pipe tables, as the
 * widget's and the writer preview's renderer shows them), sanitised: raw HTML in
 * an article is shown as text, never passed through, and only http(s), mailto and relative URLs survive in links and
 * images. External links get {@code rel="nofollow noopener"}. Rendered bodies are kept by article id and version, so
 * a page view normally renders nothing.
 */
final class HelpMarkdown {

    private static final int MAX_CACHED = 10_000;

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeUrls())
            .percentEncodeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                // sanitizeUrls marks every link nofollow; links between our own articles should be followed
                if (node instanceof Link) {
                    if (isExternal(attributes.get("href"))) {
                        attributes.put("rel", "nofollow noopener");
                    }
                    else {
                        attributes.remove("rel");
                    }
                }
            })
            .build();
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Map<String, String> summaries = new ConcurrentHashMap<>();

    /** @param key identifies this exact text (article id and version); null: render without caching */
    String html(String key, String markdown) {
        if (key == null) {
            return render(markdown);
        }
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // old versions pile up only when articles change a lot; starting over is cheap
        }
        String html = render(markdown);
        cache.put(key, html);
        return html;
    }

    /** The plain text of the first paragraph (headings, lists and code skipped), for a page description. */
    String firstParagraph(String key, String markdown) {
        if (summaries.size() >= MAX_CACHED) {
            summaries.clear();
        }
        return summaries.computeIfAbsent(key, k -> {
            Node document = parser.parse(markdown == null ? "" : markdown);
            for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof Paragraph paragraph) {
                    StringBuilder text = new StringBuilder();
                    paragraph.accept(new AbstractVisitor() {
                        @Override
                        public void visit(Text t) {
                            text.append(t.getLiteral());
                        }

                        @Override
                        public void visit(Code code) {
                            text.append(code.getLiteral());
                        }

                        @Override
                        public void visit(SoftLineBreak lineBreak) {
                            text.append(' ');
                        }
                    });
                    return text.toString().strip();
                }
            }
            return "";
        });
    }

    String render(String markdown) {
        return renderer.render(parser.parse(markdown == null ? "" : markdown));
    }

    private static boolean isExternal(String href) {
        return href != null && (href.startsWith("http://") || href.startsWith("https://") || href.startsWith("//"));
    }

    /** Links: http, https, mailto and relative; images: http, https and relative. Anything else becomes "". */
    private static final class SafeUrls implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            return allowed(url, true) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return allowed(url, false) ? url : "";
        }

        private static boolean allowed(String url, boolean mailto) {
            String u = url.strip().toLowerCase(Locale.ROOT);
            // browsers ignore control characters and whitespace inside a scheme ("java\tscript:"): look without them
            String compact = u.replaceAll("[\\s\\p{Cntrl}]", "");
            int colon = compact.indexOf(':');
            int boundary = firstOf(compact, "/?#");
            if (colon < 0 || (boundary >= 0 && boundary < colon)) {
                return true; // relative: no scheme
            }
            String scheme = compact.substring(0, colon);
            return scheme.equals("http") || scheme.equals("https") || (mailto && scheme.equals("mailto"));
        }

        private static int firstOf(String text, String chars) {
            int best = -1;
            for (char c : chars.toCharArray()) {
                int i = text.indexOf(c);
                if (i >= 0 && (best < 0 || i < best)) {
                    best = i;
                }
            }
            return best;
        }
    }
}
