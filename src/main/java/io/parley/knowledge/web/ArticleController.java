package io.parley.knowledge.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.knowledge.Article;
import io.parley.knowledge.ArticleInput;
import io.parley.knowledge.ArticlePage;
import io.parley.knowledge.ArticleQuery;
import io.parley.knowledge.ArticleRevision;
import io.parley.knowledge.ArticleStatus;
import io.parley.knowledge.Articles;
import io.parley.knowledge.Editor;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The writer API for articles (the URL rule in SecurityConfiguration admits WRITER and ADMIN). Validation and
 * state rules live in {@link Articles} and the {@link Article} aggregate, so the import obeys the same ones.
 */
@RestController
@RequestMapping("/api/articles")
class ArticleController {

    private final Articles articles;

    ArticleController(Articles articles) {
        this.articles = articles;
    }

    @GetMapping
    ArticlePage list(@RequestParam(required = false) String locale, @RequestParam(required = false) String status,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "0") int size) {
        return articles.list(new ArticleQuery(blankToNull(locale), status(status), q, page, size));
    }

    @PostMapping
    ResponseEntity<Article> create(@AuthenticationPrincipal ParleyPrincipal writer, @RequestBody ArticleRequest request) {
        Article article = articles.create(request.input(), status(request.status()), editor(writer));
        return ResponseEntity.created(URI.create("/api/articles/" + article.id())).body(article);
    }

    @GetMapping("/{id}")
    Article get(@PathVariable UUID id) {
        return articles.get(id);
    }

    /**
     * Replaces the content of the version the writer edited. Absent (null) fields keep their value; send {@code []}
     * or {@code ""} to clear tags, source or translation. A {@code status} different from the current one is
     * applied after the edit, by the same rules as the action endpoints.
     */
    @PutMapping("/{id}")
    Article update(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id, @RequestBody ArticleRequest request) {
        if (request.version() == null) {
            throw InvalidInput.field("version", "is required: the version of the article you edited");
        }
        Article current = articles.get(id);
        return articles.update(id, request.version(), request.mergedWith(current), status(request.status()), editor(writer));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id) {
        articles.delete(id, editor(writer));
    }

    @PostMapping("/{id}/publish")
    Article publish(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id) {
        return articles.publish(id, editor(writer));
    }

    @PostMapping("/{id}/unpublish")
    Article unpublish(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id) {
        return articles.unpublish(id, editor(writer));
    }

    @PostMapping("/{id}/archive")
    Article archive(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id) {
        return articles.archive(id, editor(writer));
    }

    @PostMapping("/{id}/unarchive")
    Article unarchive(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id) {
        return articles.unarchive(id, editor(writer));
    }

    @GetMapping("/{id}/revisions")
    List<ArticleRevision> revisions(@PathVariable UUID id) {
        return articles.revisions(id);
    }

    @GetMapping("/{id}/revisions/{revision}")
    ArticleRevision revision(@PathVariable UUID id, @PathVariable int revision) {
        return articles.revision(id, revision);
    }

    @PostMapping("/{id}/revisions/{revision}/restore")
    Article restore(@AuthenticationPrincipal ParleyPrincipal writer, @PathVariable UUID id, @PathVariable int revision) {
        return articles.restore(id, revision, editor(writer));
    }

    private static Editor editor(ParleyPrincipal principal) {
        return new Editor(principal.id(), principal.displayName());
    }

    private static ArticleStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ArticleStatus.fromJson(value);
        }
        catch (IllegalArgumentException e) {
            throw InvalidInput.field("status", "must be one of draft, published, archived");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * @param status on create: draft (default) or published; on update: the status to move to, if any
     * @param version on update: the version of the article the writer edited (required there)
     */
    record ArticleRequest(String slug, String locale, String title, String body, List<String> tags, String status,
            String sourceUrl, String translationOf, Long version) {

        ArticleInput input() {
            return new ArticleInput(slug, locale, title, body, tags, sourceUrl, translationOf);
        }

        ArticleInput mergedWith(Article current) {
            return new ArticleInput(slug == null ? current.slug() : slug, locale == null ? current.locale() : locale,
                    title == null ? current.title() : title, body == null ? current.body() : body,
                    tags == null ? current.tags() : tags, sourceUrl == null ? current.sourceUrl() : sourceUrl,
                    translationOf == null ? current.translationOf() : translationOf);
        }
    }
}
