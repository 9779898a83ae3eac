package io.parley.knowledge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.knowledge.index.BgeSmallEnQuantized;
import io.parley.knowledge.index.QuietOnnxModels;
import org.junit.jupiter.api.Test;

/**
 * What one query embedding costs (bge-small-en-v1.5 int8, wall p50/p95 and CPU per text) for short customer
 * questions, and what the ONNX Runtime intra-op thread count does to latency and throughput: one session with 2
 * threads, one with 1, and the model the application uses ({@link BgeSmallEnQuantized}, batches over 2 threads). Each is measured with 1 caller (latency) and with 2 and 4 concurrent callers
 * (throughput, as concurrent customers), and as an index build's batch of passages. Run in a quiet window:
 * {@code ./mvnw -B -o -Pbench test -Dtest=QueryEmbeddingBenchmark}; results in {@code target/bench/query-embedding.txt}.
 */
class QueryEmbeddingBenchmark {

    @Test
    void queryEmbeddingLatencyAndThreads() throws Exception {
        List<String> questions = questions();
        List<String> passages = passages();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%d distinct English questions, mean %.0f characters; %d passages of ~1000 characters",
                questions.size(), questions.stream().mapToInt(String::length).average().orElse(0), passages.size()));
        record Variant(String name, EmbeddingModel model) {
        }
        List<Variant> variants = List.of(new Variant("2 intra-op threads", QuietOnnxModels.bgeSmallEnFixed(2)),
                new Variant("1 intra-op thread", QuietOnnxModels.bgeSmallEnFixed(1)),
                new Variant("application model, 2 batch threads", new BgeSmallEnQuantized(Executors.newFixedThreadPool(2))));
        for (Variant v : variants) {
            for (int i = 0; i < 30; i++) {
                v.model().embed(questions.get(i)); // warm-up
            }
            v.model().embedAll(passages.subList(0, 8).stream().map(TextSegment::from).toList());
        }
        for (Variant v : variants) {
            for (int callers : new int[] {1, 2, 4}) {
                out.add(print(v.name() + ", " + measure(v.model(), questions, callers)));
            }
            long cpu = cpu();
            long wall = System.nanoTime();
            v.model().embedAll(passages.stream().map(TextSegment::from).toList());
            out.add(print(String.format(Locale.ROOT, "%s, batch of %d passages (embedAll): %.1f ms wall, %.1f ms CPU per passage",
                    v.name(), passages.size(), (System.nanoTime() - wall) / 1e6 / passages.size(),
                    (cpu() - cpu) / 1e6 / passages.size())));
        }
        out.add("load " + Files.readString(Path.of("/proc/loadavg")).trim());
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/query-embedding.txt"), out);
    }

    private static String measure(EmbeddingModel model, List<String> questions, int callers) throws Exception {
        List<String> texts = questions.subList(30, questions.size()); // never the warm-up texts (no cache here anyway)
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long cpu = cpu();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    model.embed(texts.get(i));
                    millis.add((System.nanoTime() - t) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPer = (cpu() - cpu) / 1e6 / texts.size();
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%d caller(s): %d questions, p50 %.2f ms, p95 %.2f ms, max %.2f ms, %.0f texts/s, "
                        + "CPU %.2f ms per text", callers, texts.size(), pct(sorted, 0.5), pct(sorted, 0.95),
                sorted.get(sorted.size() - 1), texts.size() / seconds, cpuPer);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    private static String print(String line) {
        System.out.println(line);
        return line;
    }

    /** Distinct English questions of the sample set and wixqa (short customer questions). */
    private static List<String> questions() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("docs/eval/questions.jsonl")));
        Path wix = Path.of(System.getProperty("parley.eval.dir", "../shared/eval"), "wixqa", "questions.jsonl");
        if (Files.exists(wix)) {
            files.add(wix);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Path f : files) {
            for (EvalQuestion q : EvalQuestions.read(f)) {
                if (q.locale().startsWith("en")) {
                    out.add(q.question());
                }
            }
        }
        List<String> list = new ArrayList<>(out);
        Collections.shuffle(list, new java.util.Random(14));
        return list;
    }

    private static List<String> passages() throws Exception {
        Path kb = Path.of(System.getProperty("parley.eval.dir", "../shared/eval"), "wixqa", "knowledge-base");
        List<String> texts = new ArrayList<>();
        try (var files = Files.walk(kb)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String body = Files.readString(p).replaceAll("(?s)^---.*?---", "").replaceAll("\\s+", " ").trim();
                for (int i = 0; i + 200 < body.length() && texts.size() < 80; i += 1000) {
                    texts.add(body.substring(i, Math.min(body.length(), i + 1000)));
                }
            }
        }
        return texts;
    }
}
