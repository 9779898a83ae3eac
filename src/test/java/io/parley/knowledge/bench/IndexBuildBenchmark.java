package io.parley.knowledge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.index.PassageSplitter;
import org.junit.jupiter.api.Test;

/**
 * A knowledge base built from scratch, lexical-first: the time until every article is searchable by BM25, and until
 * every passage has its vectors (nothing reusable: the synthetic copies of the wixqa articles of
 * {@link RetrievalBenchmark#variant} are all new texts), for each in-process model, with CPU time and memory.
 * {@code -Dparley.bench.passages=1000} (default) or 10000; {@code -Dparley.bench.models=bge-small-en-v15-q,...}.
 * Run with {@code ./mvnw -B -o -Pbench test -Dtest=IndexBuildBenchmark}; figures go to target/bench/index-build.txt.
 */
class IndexBuildBenchmark {

    @Test
    void buildFromScratch() throws Exception {
        int target = Integer.getInteger("parley.bench.passages", 1000);
        List<String> models = List.of(System.getProperty("parley.bench.models", String.join(",", EmbeddingSupport.IN_PROCESS_MODELS)).split(","));
        List<IndexableArticle> synthetic = synthetic(target);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> lines = new ArrayList<>();
        lines.add("# " + Instant.now() + "  nproc=" + Runtime.getRuntime().availableProcessors() + "  load "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(EmbeddingSupport.none()))) {
            long t0 = System.nanoTime();
            index.replaceAll(synthetic);
            lines.add(String.format(Locale.ROOT, "BM25 only: %d articles, %d passages, %.1f s", synthetic.size(),
                    index.passageCount(), (System.nanoTime() - t0) / 1e9));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            for (String name : models) {
                EmbeddingSupport emb = EmbeddingSupport.inProcess(name.trim(), pool);
                emb.model().embed("warm up");
                try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(emb).withInlineEmbedLimit(0))) {
                    long cpu = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    index.replaceAll(synthetic);
                    double lexical = (System.nanoTime() - t0) / 1e9;
                    assertThat(index.awaitVectors(Duration.ofHours(2))).isTrue();
                    double complete = (System.nanoTime() - t0) / 1e9;
                    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
                    System.gc();
                    long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                    lines.add(String.format(Locale.ROOT, "%s: %d articles, %d passages: searchable by BM25 after %.1f s, "
                            + "complete (vectors) after %.1f s = %.1f ms per passage; CPU %.1f s; heap after GC %d MB; %s; load %s",
                            name, synthetic.size(), index.passageCount(), lexical, complete,
                            complete * 1000 / index.passageCount(), cpuSeconds, heap, rss(),
                            Files.readString(Path.of("/proc/loadavg")).trim()));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        lines.forEach(System.out::println);
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/index-build.txt"), lines);
    }

    static List<IndexableArticle> synthetic(int passages) {
        List<IndexableArticle> base = RetrievalBenchmark.articles();
        PassageSplitter splitter = new PassageSplitter();
        List<IndexableArticle> out = new ArrayList<>();
        int n = 0;
        for (int copy = 0; n < passages; copy++) {
            for (IndexableArticle a : base) {
                if (n >= passages) {
                    break;
                }
                IndexableArticle v = RetrievalBenchmark.variant(a, copy);
                n += splitter.split(v.body()).size();
                out.add(v);
            }
        }
        return out;
    }

    private static String rss() throws java.io.IOException {
        String rss = "";
        String peak = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            }
            if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        return "RSS " + rss + " (peak " + peak + ")";
    }
}
