package io.parley.assistant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.SearchResult;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;
import org.junit.jupiter.api.Test;

/**
 * Dumps the retrieval evidence of every labelled question (top three hits) with whether the top hit was right, to
 * target/calibration/*.csv: the data the answer/hand-off thresholds are chosen on. Run with
 * {@code ./mvnw -Pbench test -Dtest=DecisionFeaturesBenchmark}.
 */
class DecisionFeaturesBenchmark {

    @Test
    void dumpFeatures() throws IOException {
        Path out = Path.of("target/calibration");
        Files.createDirectories(out);
        dump("wixqa", Path.of("../shared/eval/wixqa/knowledge-base"), Path.of("../shared/eval/wixqa/questions.jsonl"), out);
        dump("sample", Path.of("knowledge-base"), Path.of("docs/eval/questions.jsonl"), out);
    }

    private static void dump(String name, Path kb, Path questionsFile, Path out) throws IOException {
        if (!Files.isDirectory(kb)) {
            return;
        }
        List<IndexableArticle> articles = MarkdownKnowledgeBase.read(kb).articles().stream().map(IndexableArticle::from).toList();
        List<EvalQuestion> questions = EvalQuestions.read(questionsFile);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> rows = new ArrayList<>();
        rows.add("set,id,locale,answerable,correct1,correct_any3,vectors,queryTerms,s1,s2,s3,"
                + "bm25Rank1,vecRank1,cos1,cov1,tcov1,bm25Score1,bm25Top,passages1,bm25Rank2,vecRank2,cos2,cov2,wcov1,unseen,wcov2");
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.bgeSmallEn(pool)))) {
            index.replaceAll(articles);
            for (EvalQuestion q : questions) {
                SearchResult r = index.search(q.question(), q.locale(), 10);
                List<ArticleHit> h = r.hits();
                boolean answerable = !q.expected().isEmpty();
                boolean c1 = !h.isEmpty() && q.expected().contains(h.get(0).slug());
                boolean c3 = h.stream().limit(3).anyMatch(x -> q.expected().contains(x.slug()));
                ArticleHit a = h.isEmpty() ? null : h.get(0);
                ArticleHit b = h.size() < 2 ? null : h.get(1);
                rows.add(String.join(",", name, q.id(), q.locale(), bit(answerable), bit(c1), bit(c3), bit(r.vectorsUsed()),
                        a == null ? "0" : "" + a.evidence().queryTerms(),
                        score(h, 0), score(h, 1), score(h, 2),
                        a == null ? "0" : "" + a.evidence().bm25Rank(), a == null ? "0" : "" + a.evidence().vectorRank(),
                        a == null ? "0" : f(a.evidence().cosine()), a == null ? "0" : f(a.evidence().queryTermCoverage()),
                        a == null ? "0" : f(a.evidence().titleTermCoverage()), a == null ? "0" : f(a.evidence().bm25Score()),
                        a == null ? "0" : f(a.evidence().bm25TopScore()), a == null ? "0" : "" + a.evidence().matchingPassages(),
                        b == null ? "0" : "" + b.evidence().bm25Rank(), b == null ? "0" : "" + b.evidence().vectorRank(),
                        b == null ? "0" : f(b.evidence().cosine()), b == null ? "0" : f(b.evidence().queryTermCoverage()),
                        a == null ? "0" : f(a.evidence().weightedCoverage()), a == null ? "0" : "" + a.evidence().unseenTerms(),
                        b == null ? "0" : f(b.evidence().weightedCoverage())));
            }
        }
        finally {
            pool.shutdownNow();
        }
        Files.write(out.resolve(name + ".csv"), rows);
        System.out.println("wrote " + out.resolve(name + ".csv") + " (" + (rows.size() - 1) + " questions)");
    }

    private static String score(List<ArticleHit> hits, int i) {
        return hits.size() > i ? String.format(Locale.ROOT, "%.5f", hits.get(i).score()) : "0";
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
