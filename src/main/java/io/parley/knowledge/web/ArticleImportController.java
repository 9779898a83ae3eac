package io.parley.knowledge.web;

import io.parley.core.ParleyPrincipal;
import io.parley.knowledge.Editor;
import io.parley.knowledge.KnowledgeImport;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Re-imports the configured knowledge-base folder (writers edit files, then press import). */
@RestController
class ArticleImportController {

    private final KnowledgeImport knowledgeImport;

    ArticleImportController(KnowledgeImport knowledgeImport) {
        this.knowledgeImport = knowledgeImport;
    }

    @PostMapping("/api/articles/import")
    KnowledgeImport.Report importFolder(@AuthenticationPrincipal ParleyPrincipal writer) {
        return knowledgeImport.importConfiguredFolder(new Editor(writer.id(), writer.displayName()));
    }
}
