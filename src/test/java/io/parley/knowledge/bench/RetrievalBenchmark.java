package io.parley.knowledge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.assistant.eval.EvalCommand;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.assistant.eval.EvalResult;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.PassageSplitter;
import io.parley.knowledge.index.PlainBm25Retriever;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retrieval benchmark (run with {@code ./mvnw -B -o -Pbench test}; not part of {@code verify}).
 * <p>
 * 1. The wixqa set (read from {@code ../shared/eval/wixqa} or {@code -Dparley.eval.dir}): plain BM25 over whole articles
 * (standard analyzer) vs BM25 over passages (language analyzer) vs the hybrid default, with hit@1, hit@3, MRR@10
 * and per-question search latency (warm, including the query embedding).
 * <p>
 * 2. Build time of a 10,000-passage index: wixqa articles are repeated with variations until their passages number
 * 10,000: copy n of an article gets " (n)" appended to its title and its sentences rotated by n positions, so every
 * copy splits into different windows and every passage text is new to the embedding model (nothing can be reused).
 * <p>
 * Figures are printed and written to target/bench/retrieval.txt; copy them into docs/BENCHMARKS.md.
 */
class RetrievalBenchmark {

    static final Path SET = Path.of(System.getProperty("parley.eval.dir", "../shared/eval/wixqa"));
    static ExecutorService pool;
    static EmbeddingSupport bge;
    static final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void loadModel() {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        bge = EmbeddingSupport.bgeSmallEn(pool);
        bge.model().embed("warm up");
    }

    @AfterAll
    static void writeReport() throws IOException {
        pool.shutdownNow();
        Path out = Path.of("target/bench/retrieval.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    static void log(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    static List<IndexableArticle> articles() {
        return MarkdownKnowledgeBase.read(SET.resolve("knowledge-base")).articles().stream().map(IndexableArticle::from).toList();
    }

    @Test
    void wixqaHybridVersusBaseline() {
        List<IndexableArticle> articles = articles();
        List<EvalQuestion> questions = EvalQuestions.read(SET.resolve("questions.jsonl"));
        log("# " + Instant.now() + "  set=" + SET.toAbsolutePath().normalize() + "  articles=" + articles.size()
                + "  questions=" + questions.size());
        EvalResult baseline;
        try (PlainBm25Retriever r = new PlainBm25Retriever(articles)) {
            baseline = io.parley.assistant.eval.EvalRunner.run(r, AnswerDecision.alwaysAnswerTopHit(), questions,
                    "bm25-standard-whole-article", 0);
        }
        EvalResult lexical = EvalCommand.evaluate(articles, questions, IndexOptions.of(EmbeddingSupport.none()),
                AnswerDecision.alwaysAnswerTopHit(), "bm25-passages");
        EvalResult hybrid = EvalCommand.evaluate(articles, questions, IndexOptions.of(bge),
                AnswerDecision.alwaysAnswerTopHit(), "hybrid");
        log(String.format(Locale.ROOT, "| %-46s | %6s | %6s | %6s | %7s | %7s | %8s |", "retriever", "hit@1", "hit@3",
                "mrr@10", "p50 ms", "p95 ms", "build s"));
        for (EvalResult r : List.of(baseline, lexical, hybrid)) {
            log(String.format(Locale.ROOT, "| %-46s | %6.3f | %6.3f | %6.3f | %7.1f | %7.1f | %8.1f |", r.retriever(),
                    r.hitAt1(), r.hitAt3(), r.mrrAt10(), r.latencyMsP50(), r.latencyMsP95(), r.buildSeconds()));
        }
        assertThat(hybrid.hitAt1()).isGreaterThan(baseline.hitAt1());
    }

    @Test
    void build10kPassages() {
        List<IndexableArticle> base = articles();
        PassageSplitter splitter = new PassageSplitter();
        List<IndexableArticle> synthetic = new ArrayList<>();
        int passages = 0;
        for (int copy = 0; passages < 10_000; copy++) {
            for (IndexableArticle a : base) {
                if (passages >= 10_000) {
                    break;
                }
                IndexableArticle v = variant(a, copy);
                passages += splitter.split(v.body()).size();
                synthetic.add(v);
            }
        }
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()))) {
            long t0 = System.nanoTime();
            index.replaceAll(synthetic);
            log(String.format(Locale.ROOT, "10k build, BM25 only : %d articles, %d passages, %.1f s", synthetic.size(),
                    index.passageCount(), (System.nanoTime() - t0) / 1e9));
        }
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(bge))) {
            long t0 = System.nanoTime();
            index.replaceAll(synthetic);
            double seconds = (System.nanoTime() - t0) / 1e9;
            log(String.format(Locale.ROOT, "10k build, hybrid    : %d articles, %d passages, %.1f s (%.1f ms per passage)",
                    synthetic.size(), index.passageCount(), seconds, seconds * 1000 / index.passageCount()));
            List<EvalQuestion> questions = EvalQuestions.read(SET.resolve("questions.jsonl"));
            double[] ms = new double[questions.size()];
            questions.forEach(q -> index.search(q.question(), q.locale(), 10));
            for (int i = 0; i < questions.size(); i++) {
                long s = System.nanoTime();
                index.search(questions.get(i).question(), "en", 10);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            log(String.format(Locale.ROOT, "10k index search     : p50 %.1f ms, p95 %.1f ms", ms[ms.length / 2],
                    ms[(int) Math.ceil(ms.length * 0.95) - 1]));
            assertThat(index.passageCount()).isGreaterThanOrEqualTo(10_000);
        }
    }

    static IndexableArticle variant(IndexableArticle a, int copy) {
        if (copy == 0) {
            return a;
        }
        String[] sentences = a.body().split("(?<=[.!?])\\s+");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < sentences.length; i++) {
            body.append(sentences[(i + copy) % sentences.length]).append(' ');
        }
        return new IndexableArticle(a.id() + "-" + copy, a.slug() + "-" + copy, a.locale(), a.title() + " (" + copy + ")",
                body.toString().strip(), a.tags(), true, a.url());
    }
}
