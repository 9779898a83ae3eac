package io.parley.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.parley.core.InvalidInput;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge module's article API: PostgreSQL is the source of truth. Every save goes through here, so each one
 * is validated, checked against the version it was based on, kept as a revision, and announced with
 * {@link ArticlePublished} / {@link ArticleWithdrawn} when what customers can see changes.
 */
@Service
public class Articles {

    private final ArticleRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Articles(ArticleRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a draft, and publishes it right away when {@code status} is published.
     *
     * @param status draft or published; null: draft
     * @throws InvalidInput naming each invalid field
     * @throws ArticleException {@code article_slug_taken} (409) when the slug is in use in that locale
     */
    @Transactional
    public Article create(ArticleInput input, ArticleStatus status, Editor editor) {
        ArticleContent content = ArticleValidation.validate(input);
        if (status == ArticleStatus.ARCHIVED) {
            throw InvalidInput.field("status", "must be draft or published for a new article");
        }
        Instant now = clock.instant();
        Article article = Article.create(UUID.randomUUID(), content, editor, now);
        if (!repository.insert(article)) {
            throw ArticleException.slugTaken(content.slug(), content.locale());
        }
        repository.appendRevision(article, RevisionAction.CREATED, null, editor, now);
        if (status == ArticleStatus.PUBLISHED) {
            article = save(article, article.publish(editor, now), RevisionAction.PUBLISHED, null, editor);
        }
        return article;
    }

    public Optional<Article> find(UUID id) {
        return repository.find(id);
    }

    /** @throws ArticleException {@code article_not_found} (404) */
    public Article get(UUID id) {
        return repository.find(id).orElseThrow(() -> ArticleException.notFound(id));
    }

    public Optional<Article> findBySlug(String slug, String locale) {
        return repository.findBySlug(slug, locale);
    }

    public ArticlePage list(ArticleQuery query) {
        return repository.list(query);
    }

    /**
     * Replaces the content of the article the caller read at {@code expectedVersion}. Identical content saves
     * nothing (no revision, no new version).
     *
     * @throws ArticleException {@code article_version_conflict} (409) when it has been saved since that version
     */
    @Transactional
    public Article update(UUID id, long expectedVersion, ArticleInput input, Editor editor) {
        ArticleContent content = ArticleValidation.validate(input);
        Article article = get(id);
        if (article.version() != expectedVersion) {
            throw ArticleException.versionConflict(id, expectedVersion, article.version());
        }
        return save(article, article.edit(content, editor, clock.instant()), RevisionAction.EDITED, null, editor);
    }

    /**
     * Replaces the content as {@link #update(UUID, long, ArticleInput, Editor)} does, then moves the article to
     * {@code moveTo} (when given and different) by the same rules as the intent methods, all in one transaction.
     */
    @Transactional
    public Article update(UUID id, long expectedVersion, ArticleInput input, ArticleStatus moveTo, Editor editor) {
        Article article = update(id, expectedVersion, input, editor);
        if (moveTo == null || moveTo == article.status()) {
            return article;
        }
        Instant now = clock.instant();
        return switch (moveTo) {
            case PUBLISHED -> save(article, article.publish(editor, now), RevisionAction.PUBLISHED, null, editor);
            case ARCHIVED -> save(article, article.archive(editor, now), RevisionAction.ARCHIVED, null, editor);
            case DRAFT -> article.status() == ArticleStatus.ARCHIVED
                    ? save(article, article.unarchive(editor, now), RevisionAction.UNARCHIVED, null, editor)
                    : save(article, article.unpublish(editor, now), RevisionAction.UNPUBLISHED, null, editor);
        };
    }

    @Transactional
    public Article publish(UUID id, Editor editor) {
        return transition(id, a -> a.publish(editor, clock.instant()), RevisionAction.PUBLISHED, editor);
    }

    @Transactional
    public Article unpublish(UUID id, Editor editor) {
        return transition(id, a -> a.unpublish(editor, clock.instant()), RevisionAction.UNPUBLISHED, editor);
    }

    @Transactional
    public Article archive(UUID id, Editor editor) {
        return transition(id, a -> a.archive(editor, clock.instant()), RevisionAction.ARCHIVED, editor);
    }

    @Transactional
    public Article unarchive(UUID id, Editor editor) {
        return transition(id, a -> a.unarchive(editor, clock.instant()), RevisionAction.UNARCHIVED, editor);
    }

    /**
     * Deletes the article: it disappears from the API and the index; its row and revisions stay in the database
     * for the record, and its slug is free again.
     */
    @Transactional
    public void delete(UUID id, Editor editor) {
        transition(id, a -> a.delete(editor, clock.instant()), RevisionAction.DELETED, editor);
    }

    /** Newest first. */
    public List<ArticleRevision> revisions(UUID id) {
        get(id);
        return repository.revisions(id);
    }

    public ArticleRevision revision(UUID id, int revision) {
        get(id);
        return repository.revision(id, revision).orElseThrow(() -> ArticleException.revisionNotFound(id, revision));
    }

    /**
     * Brings back the content of an earlier revision as a new revision ({@code restored}); history is never
     * rewritten. The status is not restored (see {@link Article}).
     */
    @Transactional
    public Article restore(UUID id, int revision, Editor editor) {
        Article article = get(id);
        ArticleRevision earlier = repository.revision(id, revision)
                .orElseThrow(() -> ArticleException.revisionNotFound(id, revision));
        return save(article, article.restore(earlier, editor, clock.instant()), RevisionAction.RESTORED, revision, editor);
    }

    /** The article if it exists and is published right now: what an index should hold for it. */
    public Optional<Article> findPublished(UUID articleId) {
        return repository.find(articleId).filter(Article::live);
    }

    /** Published articles of one locale, by slug. */
    public List<Article> findPublished(String locale) {
        return repository.findPublished(locale);
    }

    /**
     * Every published article, for rebuilding an index. The stream holds a database connection: close it
     * (try-with-resources).
     */
    public Stream<Article> streamAllPublished() {
        return repository.streamPublished();
    }

    /**
     * Creates or updates the article a Markdown file describes, keyed by slug and locale; safe to call for every
     * file on every start.
     * <ul>
     * <li>No article yet: created with the file's status (one {@code imported} revision).</li>
     * <li>The file is unchanged since the last import, or says exactly what the article says: nothing is written
     * (no revision, no event). So a writer's later edits in the writer pages survive restarts.</li>
     * <li>The file changed: the article takes the file's content and status (one {@code imported} revision).</li>
     * <li>The article was archived in the writer pages: left alone ({@code SKIPPED_ARCHIVED}).</li>
     * </ul>
     *
     * @throws InvalidInput naming each invalid field, for the importer to report with the file's path
     */
    @Transactional
    public ImportResult upsertFromImport(ImportedArticle imported, Editor editor) {
        ArticleContent content = ArticleValidation.validate(imported.input());
        ArticleStatus wanted = imported.status() == null ? ArticleStatus.PUBLISHED : imported.status();
        if (wanted == ArticleStatus.ARCHIVED) {
            throw InvalidInput.field("status", "must be published or draft");
        }
        String hash = importHash(content, wanted);
        Instant now = clock.instant();
        Optional<Article> existing = repository.findBySlug(content.slug(), content.locale());
        if (existing.isEmpty()) {
            Article created = Article.create(UUID.randomUUID(), content, editor, now);
            created = wanted == ArticleStatus.PUBLISHED ? created.importFrom(content, wanted, editor, now) : created;
            if (repository.insert(created)) {
                repository.appendRevision(created, RevisionAction.IMPORTED, null, editor, now);
                repository.setImportHash(created.id(), hash);
                announce(null, created);
                return new ImportResult(ImportResult.Outcome.CREATED, created);
            }
            // another node imported the same file a moment ago (the insert waited for it): update that one
            existing = repository.findBySlug(content.slug(), content.locale());
            if (existing.isEmpty()) {
                throw ArticleException.slugTaken(content.slug(), content.locale());
            }
        }
        Article article = existing.get();
        if (hash.equals(repository.importHash(article.id()).orElse(null))) {
            return new ImportResult(ImportResult.Outcome.UNCHANGED, article);
        }
        if (article.status() == ArticleStatus.ARCHIVED) {
            return new ImportResult(ImportResult.Outcome.SKIPPED_ARCHIVED, article);
        }
        Article changed = article.importFrom(content, wanted, editor, now);
        repository.setImportHash(article.id(), hash);
        if (changed == article) {
            return new ImportResult(ImportResult.Outcome.UNCHANGED, article);
        }
        return new ImportResult(ImportResult.Outcome.UPDATED, save(article, changed, RevisionAction.IMPORTED, null, editor));
    }

    /** For importers that name the system actor only, e.g. {@code upsertFromImport(file, "import")}. */
    @Transactional
    public ImportResult upsertFromImport(ImportedArticle imported, String author) {
        return upsertFromImport(imported, Editor.system(author));
    }

    private Article transition(UUID id, UnaryOperator<Article> intent, RevisionAction action, Editor editor) {
        Article article = get(id);
        return save(article, intent.apply(article), action, null, editor);
    }

    /**
     * Saves {@code after} if it differs from {@code before}, as long as nobody saved the article in between, with a
     * revision, and announces what changed for customers.
     */
    private Article save(Article before, Article after, RevisionAction action, Integer restoredFrom, Editor editor) {
        if (after == before) {
            return before;
        }
        if (!after.deleted() && (!after.slug().equals(before.slug()) || !after.locale().equals(before.locale()))
                && repository.slugTaken(after.slug(), after.locale(), after.id())) {
            throw ArticleException.slugTaken(after.slug(), after.locale());
        }
        Article saved;
        try {
            saved = repository.update(after).orElseThrow(() -> ArticleException.versionConflict(before.id(),
                    before.version(), repository.currentVersion(before.id())));
        }
        catch (DuplicateKeyException e) {
            // a concurrent save took the slug between the check and the update
            throw ArticleException.slugTaken(after.slug(), after.locale());
        }
        repository.appendRevision(saved, action, restoredFrom, editor, saved.updatedAt());
        announce(before, saved);
        return saved;
    }

    private void announce(Article before, Article after) {
        boolean wasLive = before != null && before.live();
        if (after.live()) {
            if (!wasLive || !before.content().equals(after.content())) {
                events.publishEvent(new ArticlePublished(after.id(), after.slug(), after.locale()));
            }
        }
        else if (wasLive) {
            events.publishEvent(new ArticleWithdrawn(before.id(), before.slug(), before.locale()));
        }
    }

    private static String importHash(ArticleContent content, ArticleStatus status) {
        String canonical = String.join("\u0000", content.slug(), content.locale(), content.title(), content.body(),
                String.join("\u001f", content.tags()), String.valueOf(content.sourceUrl()),
                String.valueOf(content.translationOf()), status.json());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
