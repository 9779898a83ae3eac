package io.parley.knowledge.web;

import java.time.Instant;
import java.util.List;

import io.parley.knowledge.Article;
import io.parley.knowledge.ArticleStatus;
import io.parley.knowledge.Articles;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * A published article by locale and slug as JSON (the page for it, {@code /help/{locale}/{slug}}, is rendered on the
 * server by {@code knowledge.help}).
 */
@Controller
class HelpArticleController {

    private final Articles articles;

    HelpArticleController(Articles articles) {
        this.articles = articles;
    }

    @GetMapping("/api/help/{locale}/{slug}")
    @ResponseBody
    HelpArticle article(@PathVariable String locale, @PathVariable String slug) {
        Article article = articles.findBySlug(slug, locale)
                .filter(a -> a.status() == ArticleStatus.PUBLISHED)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published article " + locale + "/" + slug));
        return new HelpArticle(article.slug(), article.locale(), article.title(), article.body(), article.tags(),
                article.updatedAt());
    }

    record HelpArticle(String slug, String locale, String title, String body, List<String> tags, Instant updatedAt) {
    }
}
