package io.parley.knowledge.web;

import java.util.List;

import io.parley.knowledge.KnowledgeSearch;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Help search for the widget and the agent console: published articles only, best first. */
@RestController
class SearchController {

    private final KnowledgeSearch search;

    SearchController(KnowledgeSearch search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    // control characters (NUL above all) cannot be stored with the query's gap record and mean nothing to search:
    // a 400 naming the parameter, not a 500 from the database
    SearchResponse search(@RequestParam @NotBlank @Size(max = 1000)
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "must not contain control characters") String q,
            @RequestParam(required = false) @Size(max = 20) String locale,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        SearchResult result = search.search(q, locale, limit);
        return new SearchResponse(result.query(), result.requestedLocale(), result.searchedLocale(), result.fellBack(),
                result.tookNanos() / 1_000_000.0, result.hits().stream().map(Hit::of).toList());
    }

    record SearchResponse(String query, String locale, String searchedLocale, boolean fellBack, double tookMs,
            List<Hit> hits) {
    }

    record Hit(String articleId, String slug, String locale, String title, String url, String section, String snippet,
            double score) {

        static Hit of(ArticleHit h) {
            return new Hit(h.articleId(), h.slug(), h.locale(), h.title(), h.url(), h.sectionTitle(), h.snippet(), h.score());
        }
    }
}
