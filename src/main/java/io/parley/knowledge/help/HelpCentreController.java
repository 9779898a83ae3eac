package io.parley.knowledge.help;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.parley.knowledge.Article;
import io.parley.knowledge.KnowledgeSearch;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The help centre, rendered on the server so that search engines and readers without JavaScript get every page:
 * {@code /help} (to the reader's language), {@code /help/{locale}} (categories from tags), {@code /help/{locale}/{slug}},
 * {@code /help/{locale}/tags/{tag}}, {@code /help/{locale}/search?q=}, the "Was this helpful?" form and
 * {@code /sitemap.xml}. An article whose slug is {@code search} or {@code tags} is shadowed by those pages.
 */
@Controller
class HelpCentreController {

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final CacheControl PAGE_CACHE = CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic();
    static final int MAX_QUERY = 200;

    private final HelpCatalogue catalogue;
    private final HelpPages pages;
    private final HelpFeedback feedback;
    private final KnowledgeSearch search;
    private final HelpSitemap sitemap = new HelpSitemap();

    HelpCentreController(HelpCatalogue catalogue, HelpTexts texts, HelpFeedback feedback, KnowledgeSearch search) {
        this.catalogue = catalogue;
        this.pages = new HelpPages(texts, new HelpMarkdown());
        this.feedback = feedback;
        this.search = search;
    }

    /** To the help centre in the reader's language (Accept-Language), else in the default locale. */
    @GetMapping({ "/help", "/help/" })
    ResponseEntity<Void> entry(HttpServletRequest request) {
        List<String> locales = catalogue.current().locales();
        String best = catalogue.defaultLocale();
        for (Locale wanted : java.util.Collections.list(request.getLocales())) {
            Optional<String> match = locales.stream().filter(l -> l.equalsIgnoreCase(wanted.toLanguageTag())).findFirst()
                    .or(() -> locales.stream().filter(l -> HelpTexts.language(l).equals(wanted.getLanguage())).findFirst());
            if (match.isPresent() && request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) {
                best = match.get();
                break;
            }
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/help/" + best))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @GetMapping({ "/help/{locale}", "/help/{locale}/" })
    ResponseEntity<byte[]> home(@PathVariable String locale, HttpServletRequest request) {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        String base = base();
        return snapshot.shelf(locale).map(shelf -> page(request, snapshot.page(base + "|home|" + locale,
                        () -> pages.home(base, snapshot, shelf))))
                .orElseGet(() -> notFound(snapshot, locale));
    }

    @GetMapping("/help/{locale}/tags/{tag}")
    ResponseEntity<byte[]> tag(@PathVariable String locale, @PathVariable String tag, HttpServletRequest request) {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        String key = tag.strip().toLowerCase(Locale.ROOT);
        return snapshot.shelf(locale).filter(shelf -> shelf.byTag().containsKey(key))
                .map(shelf -> page(request, snapshot.page(base() + "|tag|" + locale + "|" + key,
                        () -> pages.tag(base(), snapshot, shelf, key))))
                .orElseGet(() -> notFound(snapshot, locale));
    }

    @GetMapping("/help/{locale}/{slug}")
    ResponseEntity<byte[]> article(@PathVariable String locale, @PathVariable String slug,
            @RequestParam(required = false) String feedback, HttpServletRequest request) {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        Optional<HelpCatalogue.Shelf> shelf = snapshot.shelf(locale);
        Optional<Article> article = shelf.map(s -> s.bySlug().get(slug));
        if (article.isEmpty()) {
            return notFound(snapshot, locale);
        }
        boolean thanks = "thanks".equals(feedback);
        String base = base();
        HelpCatalogue.Page page = snapshot.page(base + "|article|" + locale + "|" + slug + (thanks ? "|thanks" : ""),
                () -> pages.article(base, snapshot, shelf.get(), article.get(), thanks ? true : null));
        // the thank-you variant is one reader's; the plain page may be cached by anyone
        return feedback == null ? page(request, page)
                : ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore()).body(page.body());
    }

    @GetMapping("/help/{locale}/search")
    ResponseEntity<byte[]> search(@PathVariable String locale, @RequestParam(required = false) String q) {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        if (!LOCALE.matcher(locale).matches()) {
            return notFound(snapshot, catalogue.defaultLocale());
        }
        String query = q == null ? "" : q.strip();
        if (query.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/help/" + locale)).build();
        }
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        String base = base();
        String asked = query;
        // the results of a snapshot's life (at most HelpCatalogue.MAX_AGE): a question asked again costs a lookup
        HelpCatalogue.Page page = snapshot.page(base + "|search|" + locale + "|" + asked,
                () -> pages.search(base, snapshot, locale, asked, search.search(asked, locale, 10).hits()),
                HelpCatalogue.MAX_PAGES / 2);
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noCache()).body(page.body());
    }

    /** The "Was this helpful?" form (a plain form post, so it works without JavaScript), then back to the article. */
    @PostMapping("/help/{locale}/{slug}/feedback")
    ResponseEntity<byte[]> feedback(@PathVariable String locale, @PathVariable String slug,
            @RequestParam(required = false) String helpful) {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        Optional<Article> article = snapshot.shelf(locale).map(s -> s.bySlug().get(slug));
        if (article.isEmpty()) {
            return notFound(snapshot, locale);
        }
        if (!"yes".equals(helpful) && !"no".equals(helpful)) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
                    .body("helpful must be yes or no".getBytes(StandardCharsets.UTF_8));
        }
        feedback.rate(article.get(), "yes".equals(helpful));
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(HelpPages.path(locale, slug) + "?feedback=thanks#feedback")).build();
    }

    @GetMapping(value = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> sitemap() {
        HelpCatalogue.Snapshot snapshot = catalogue.current();
        String base = base();
        return ResponseEntity.ok().contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
                .cacheControl(PAGE_CACHE).body(snapshot.page(base + "|sitemap", () -> sitemap.render(base, snapshot)).body());
    }

    /** A page with its entity tag; a reader (or proxy) that holds it already gets {@code 304} and no body. */
    private static ResponseEntity<byte[]> page(HttpServletRequest request, HelpCatalogue.Page page) {
        String held = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (held != null && java.util.Arrays.stream(held.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals(page.etag()) || tag.equals("W/" + page.etag()) || tag.equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(page.etag()).cacheControl(PAGE_CACHE).build();
        }
        return ResponseEntity.ok().contentType(HTML).cacheControl(PAGE_CACHE).eTag(page.etag()).body(page.body());
    }

    private ResponseEntity<byte[]> notFound(HelpCatalogue.Snapshot snapshot, String locale) {
        String shown = LOCALE.matcher(locale).matches() && snapshot.shelf(locale).isPresent() ? locale : catalogue.defaultLocale();
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).cacheControl(CacheControl.noCache())
                .body(pages.notFound(base(), snapshot, shown).getBytes(StandardCharsets.UTF_8));
    }

    /** Scheme, host and port as the reader used them (behind a proxy: with forwarded headers honoured). */
    private static String base() {
        return UriUtils.decode(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(), StandardCharsets.UTF_8);
    }
}
