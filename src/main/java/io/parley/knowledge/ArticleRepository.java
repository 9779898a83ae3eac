package io.parley.knowledge;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ArticleRepository {

    private static final String COLUMNS = "id, slug, locale, title, body, tags, status, source_url, translation_of, "
            + "author, updated_by, created_at, updated_at, published_at, version, deleted_at";
    private static final String SUMMARY_COLUMNS = "id, slug, locale, title, tags, status, translation_of, author, "
            + "updated_by, created_at, updated_at, published_at, version";
    private static final String REVISION_COLUMNS = "article_id, revision, action, slug, locale, title, body, tags, "
            + "status, source_url, translation_of, restored_from, editor_id, editor_name, created_at";

    private final JdbcClient jdbc;

    ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Article> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from article where id = ? and deleted_at is null").param(id)
                .query(ArticleRepository::map).optional();
    }

    Optional<Article> findBySlug(String slug, String locale) {
        return jdbc.sql("select " + COLUMNS + " from article where slug = ? and locale = ? and deleted_at is null")
                .params(slug, locale).query(ArticleRepository::map).optional();
    }

    /** The newest published article with this source URL (several may share one: translations, sections). */
    Optional<Article> findPublishedBySourceUrl(String url) {
        return jdbc.sql("select " + COLUMNS + " from article where source_url = ? and status = 'published' "
                + "and deleted_at is null order by updated_at desc limit 1").param(url).query(ArticleRepository::map).optional();
    }

    boolean slugTaken(String slug, String locale, UUID except) {
        return jdbc.sql("select exists (select 1 from article where slug = ? and locale = ? and id <> ? and deleted_at is null)")
                .params(slug, locale, except).query(Boolean.class).single();
    }

    /** @return false when a live article with the same slug and locale exists (nothing was written then) */
    boolean insert(Article a) {
        return jdbc.sql("insert into article (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(a.id(), a.slug(), a.locale(), a.title(), a.body(), a.tags().toArray(String[]::new), a.status().json(),
                        a.sourceUrl(), a.translationOf(), a.author(), a.updatedBy(), ts(a.createdAt()), ts(a.updatedAt()),
                        ts(a.publishedAt()), a.version(), ts(a.deletedAt()))
                .update() == 1;
    }

    /**
     * Saves the article if it is still at the version it was read at.
     *
     * @return the saved article (next version), or empty when someone else saved it in between
     */
    Optional<Article> update(Article a) {
        int updated = jdbc.sql("""
                update article set slug = ?, locale = ?, title = ?, body = ?, tags = ?, status = ?, source_url = ?,
                    translation_of = ?, updated_by = ?, updated_at = ?, published_at = ?, deleted_at = ?, version = version + 1
                where id = ? and version = ?""")
                .params(a.slug(), a.locale(), a.title(), a.body(), a.tags().toArray(String[]::new), a.status().json(),
                        a.sourceUrl(), a.translationOf(), a.updatedBy(), ts(a.updatedAt()), ts(a.publishedAt()),
                        ts(a.deletedAt()), a.id(), a.version())
                .update();
        return updated == 1 ? Optional.of(a.savedAs(a.version() + 1)) : Optional.empty();
    }

    long currentVersion(UUID id) {
        return jdbc.sql("select version from article where id = ?").param(id).query(Long.class).optional().orElse(-1L);
    }

    Optional<String> importHash(UUID id) {
        return jdbc.sql("select import_hash from article where id = ?").param(id).query(String.class).optional();
    }

    void setImportHash(UUID id, String hash) {
        jdbc.sql("update article set import_hash = ? where id = ?").params(hash, id).update();
    }

    /**
     * Appends a snapshot as the next revision. Callers save the article row first in the same transaction: its row
     * lock is what keeps revision numbers gapless and unique.
     */
    int appendRevision(Article a, RevisionAction action, Integer restoredFrom, Editor editor, Instant at) {
        return jdbc.sql("""
                insert into article_revision (""" + REVISION_COLUMNS + """
                )
                select ?, coalesce(max(revision), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                from article_revision where article_id = ?
                returning revision""")
                .params(a.id(), action.json(), a.slug(), a.locale(), a.title(), a.body(),
                        a.tags().toArray(String[]::new), a.status().json(), a.sourceUrl(), a.translationOf(), restoredFrom,
                        editor.id(), editor.name(), ts(at), a.id())
                .query(Integer.class).single();
    }

    List<ArticleRevision> revisions(UUID articleId) {
        // the newest 100 (issue #15: bounded lists); older ones stay readable one by one
        return jdbc.sql("select " + REVISION_COLUMNS + " from article_revision where article_id = ? order by revision desc limit 100")
                .param(articleId).query(ArticleRepository::mapRevision).list();
    }

    Optional<ArticleRevision> revision(UUID articleId, int revision) {
        return jdbc.sql("select " + REVISION_COLUMNS + " from article_revision where article_id = ? and revision = ?")
                .params(articleId, revision).query(ArticleRepository::mapRevision).optional();
    }

    ArticlePage list(ArticleQuery query) {
        StringBuilder where = new StringBuilder(" where deleted_at is null");
        List<Object> params = new ArrayList<>();
        if (query.locale() != null) {
            where.append(" and locale = ?");
            params.add(query.locale());
        }
        if (query.status() != null) {
            where.append(" and status = ?");
            params.add(query.status().json());
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (title ilike ? escape '\\' or slug ilike ? escape '\\')");
            String like = "%" + query.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        long total = jdbc.sql("select count(*) from article" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) query.page() * query.size());
        List<ArticleSummary> items = jdbc.sql("select " + SUMMARY_COLUMNS + " from article" + where
                + " order by updated_at desc, id limit ? offset ?")
                .params(pageParams).query(ArticleRepository::mapSummary).list();
        return new ArticlePage(items, query.page(), query.size(), total);
    }

    List<Article> findPublished(String locale) {
        return jdbc.sql("select " + COLUMNS + " from article where status = 'published' and deleted_at is null "
                + "and locale = ? order by slug").param(locale).query(ArticleRepository::map).list();
    }

    Stream<Article> streamPublished() {
        return jdbc.sql("select " + COLUMNS + " from article where status = 'published' and deleted_at is null "
                + "order by locale, slug").query(ArticleRepository::map).stream();
    }

    private static Article map(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("locale"),
                rs.getString("title"), rs.getString("body"), tags(rs), ArticleStatus.fromJson(rs.getString("status")),
                rs.getString("source_url"), rs.getString("translation_of"), rs.getString("author"),
                rs.getString("updated_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "published_at"), rs.getLong("version"), instant(rs, "deleted_at"));
    }

    private static ArticleSummary mapSummary(ResultSet rs, int row) throws SQLException {
        return new ArticleSummary(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("locale"),
                rs.getString("title"), tags(rs), ArticleStatus.fromJson(rs.getString("status")),
                rs.getString("translation_of"), rs.getString("author"), rs.getString("updated_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "published_at"), rs.getLong("version"));
    }

    private static ArticleRevision mapRevision(ResultSet rs, int row) throws SQLException {
        Object restoredFrom = rs.getObject("restored_from");
        return new ArticleRevision(rs.getObject("article_id", UUID.class), rs.getInt("revision"),
                RevisionAction.fromDb(rs.getString("action")), rs.getString("slug"), rs.getString("locale"),
                rs.getString("title"), rs.getString("body"), tags(rs), ArticleStatus.fromJson(rs.getString("status")),
                rs.getString("source_url"), rs.getString("translation_of"),
                restoredFrom == null ? null : ((Number) restoredFrom).intValue(),
                new Editor(rs.getString("editor_id"), rs.getString("editor_name")), instant(rs, "created_at"));
    }

    private static List<String> tags(ResultSet rs) throws SQLException {
        Array array = rs.getArray("tags");
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
