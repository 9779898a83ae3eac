package io.parley.knowledge.markdown;

import java.util.List;

/**
 * The result of reading a knowledge-base folder: the articles that parsed, and one problem per skipped file.
 */
public record KnowledgeBaseContent(List<MarkdownArticle> articles, List<KnowledgeBaseProblem> problems) {

    public KnowledgeBaseContent {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }

    public List<MarkdownArticle> publishedArticles() {
        return articles.stream().filter(MarkdownArticle::published).toList();
    }
}
