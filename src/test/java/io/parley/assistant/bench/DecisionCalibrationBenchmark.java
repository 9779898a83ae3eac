package io.parley.assistant.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.decision.BotDecision;
import io.parley.assistant.decision.ConfidencePolicy;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.assistant.decision.ConfidencePolicy.Thresholds;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.assistant.eval.EvalResult;
import io.parley.assistant.eval.EvalRunner;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.SearchResult;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;
import org.junit.jupiter.api.Test;

/**
 * Scores a grid of decision thresholds with the real policy and the real eval runner on every labelled set at once
 * (each question searched once and cached), and prints the settings that keep wrong answers at or under 5% on all
 * sets, best first. Run with {@code ./mvnw -Pbench test -Dtest=DecisionCalibrationBenchmark}.
 */
class DecisionCalibrationBenchmark {

    record LabelledSet(String name, ArticleRetriever retriever, List<EvalQuestion> questions) {
    }

    @Test
    void calibrate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<LabelledSet> sets = new ArrayList<>();
        sets.add(load("wixqa", Path.of("../shared/eval/wixqa/knowledge-base"), Path.of("../shared/eval/wixqa/questions.jsonl"), pool));
        sets.add(load("sample", Path.of("knowledge-base"), Path.of("docs/eval/questions.jsonl"), pool));
        List<String> lines = new ArrayList<>();
        for (double cosine : new double[] { 0.68, 0.70, 0.72, 0.74, 0.76 }) {
            for (double gap : new double[] { 0, 0.01, 0.02, 0.03 }) {
                for (double margin : new double[] { 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3 }) {
                    for (double[] lexical : new double[][] { { 0.7, 0.3 }, { 0.8, 0.3 }, { 0.8, 0.5 }, { 1.01, 1 } }) {
                        Thresholds t = new Thresholds(cosine, gap, margin, lexical[0], lexical[1], 0.72, 0.5, 0.78, 0.3, 0.8);
                        StringBuilder line = new StringBuilder();
                        boolean ok = true;
                        double score = 0;
                        for (LabelledSet set : sets) {
                            EvalResult r = EvalRunner.run(set.retriever(),
                                    BotDecision.defaults().withPolicy(new ConfidencePolicy(t)), set.questions(), set.name(), 0);
                            ok &= r.wrongAnswerShare() <= 0.05 && (r.unanswerableHandoffShare() == null || r.unanswerableHandoffShare() >= 0.8);
                            score += r.answeredCorrectShare();
                            line.append(String.format(Locale.ROOT, " | %s correct %.3f wrong %.3f unans-handoff %s", set.name(),
                                    r.answeredCorrectShare(), r.wrongAnswerShare(), r.unanswerableHandoffShare()));
                        }
                        lines.add(String.format(Locale.ROOT, "%s %.3f %s%s", ok ? "OK " : "-- ", score, t, line));
                    }
                }
            }
        }
        lines.sort((a, b) -> b.compareTo(a));
        Files.createDirectories(Path.of("target/calibration"));
        Files.write(Path.of("target/calibration/grid.txt"), lines);
        lines.stream().limit(15).forEach(System.out::println);
        pool.shutdownNow();
    }

    private static LabelledSet load(String name, Path kb, Path questions, ExecutorService pool) {
        List<IndexableArticle> articles = MarkdownKnowledgeBase.read(kb).articles().stream().map(IndexableArticle::from).toList();
        KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.bgeSmallEn(pool)));
        index.replaceAll(articles);
        Map<String, SearchResult> cache = new ConcurrentHashMap<>();
        ArticleRetriever cached = (query, locale, limit) -> cache.computeIfAbsent(locale + "|" + limit + "|" + query,
                k -> index.search(query, locale, limit));
        return new LabelledSet(name, cached, EvalQuestions.read(questions));
    }
}
