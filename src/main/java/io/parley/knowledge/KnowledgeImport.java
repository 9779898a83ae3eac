package io.parley.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.parley.core.InvalidInput;
import io.parley.knowledge.markdown.KnowledgeBaseContent;
import io.parley.knowledge.markdown.KnowledgeBaseProblem;
import io.parley.knowledge.markdown.MarkdownArticle;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Imports a folder of Markdown articles into PostgreSQL: idempotent (upsert by slug + locale, an unchanged file
 * writes nothing), and a bad file is reported with its path and reason and skipped while the rest imports.
 */
@Service
public class KnowledgeImport {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeImport.class);

    private final Articles articles;
    private final KnowledgeProperties properties;
    private final KnowledgeSearch search;

    KnowledgeImport(Articles articles, KnowledgeProperties properties, KnowledgeSearch search) {
        this.articles = articles;
        this.properties = properties;
        this.search = search;
    }

    /**
     * @param counts how many files were created, updated, unchanged, skipped (archived in the writer pages)
     * @param problems files that were not imported, with the reason
     */
    public record Report(Path folder, Map<ImportResult.Outcome, Integer> counts, List<Problem> problems) {
    }

    public record Problem(String path, String reason) {
    }

    /**
     * A first start (nothing indexed yet) imports before the application is ready, so the bot has its articles from
     * the first question on. A restart already serves the articles it imported before: it imports in the background,
     * so a restart after a crash is healthy without waiting for the folder to be read and compared (a second or more
     * on a small machine); a file changed meanwhile is searchable as soon as its article is stored.
     */
    @EventListener(ApplicationReadyEvent.class)
    void importOnStartup() {
        if (!properties.importOnStartup()) {
            return;
        }
        if (search.articleCount() == 0) {
            importConfiguredFolderAndLog();
            return;
        }
        Thread importer = new Thread(() -> {
            try {
                importConfiguredFolderAndLog();
            }
            catch (RuntimeException e) {
                // the articles stored before stay served; the next start or POST /api/articles/import tries again
                log.warn("Importing {} at start-up failed: {}", properties.knowledgeBaseDir().toAbsolutePath(), e.toString());
            }
        }, "knowledge-import");
        importer.setDaemon(true);
        importer.start();
    }

    private void importConfiguredFolderAndLog() {
        if (!Files.isDirectory(properties.knowledgeBaseDir())) {
            log.info("No knowledge base folder at {}; nothing imported", properties.knowledgeBaseDir().toAbsolutePath());
            return;
        }
        Report report = importFolder(properties.knowledgeBaseDir(), Editor.system("import"));
        log.info("Imported {}: {}{}", report.folder(), report.counts(),
                report.problems().isEmpty() ? "" : "; skipped " + report.problems().size() + " file(s)");
        report.problems().forEach(p -> log.warn("Knowledge base file {} skipped: {}", p.path(), p.reason()));
    }

    /** Imports the configured folder. */
    public Report importConfiguredFolder(Editor editor) {
        return importFolder(properties.knowledgeBaseDir(), editor);
    }

    /**
     * Imports a folder; its articles are searchable by BM25 as each is stored, and their vectors (those PostgreSQL
     * does not have yet) are embedded in the background, not one article at a time inside the import.
     */
    public Report importFolder(Path folder, Editor editor) {
        return search.lexicalFirst(() -> importWithoutWaiting(folder, editor));
    }

    private Report importWithoutWaiting(Path folder, Editor editor) {
        KnowledgeBaseContent content = MarkdownKnowledgeBase.read(folder);
        Map<ImportResult.Outcome, Integer> counts = new EnumMap<>(ImportResult.Outcome.class);
        for (ImportResult.Outcome outcome : ImportResult.Outcome.values()) {
            counts.put(outcome, 0);
        }
        List<Problem> problems = new ArrayList<>();
        for (KnowledgeBaseProblem problem : content.problems()) {
            problems.add(new Problem(problem.path(), problem.reason()));
        }
        for (MarkdownArticle file : content.articles()) {
            try {
                ImportResult result = articles.upsertFromImport(new ImportedArticle(file.slug(), file.locale(),
                        file.title(), file.body(), file.tags(),
                        file.published() ? ArticleStatus.PUBLISHED : ArticleStatus.DRAFT, file.source(),
                        file.translationOf()), editor);
                counts.merge(result.outcome(), 1, Integer::sum);
            }
            catch (InvalidInput | ArticleException e) {
                problems.add(new Problem(file.path(), e.getMessage()));
            }
        }
        return new Report(folder, counts, problems);
    }
}
