package io.parley.knowledge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.parley.knowledge.index.EmbeddingSupport;
import org.junit.jupiter.api.Test;

/**
 * What one text costs each in-process model, as process CPU time (less sensitive to a shared machine's load than
 * wall time): ~1,000-character windows of the wixqa articles and 50 questions, one text per call. Run with
 * {@code ./mvnw -Pbench test -Dtest=EmbeddingCostBenchmark} ({@code -Dparley.eval.dir=...}, default ../shared/eval).
 */
class EmbeddingCostBenchmark {

    @Test
    void cpuPerTextForEachModel() throws Exception {
        Path kb = Path.of(System.getProperty("parley.eval.dir", "../shared/eval"), "wixqa", "knowledge-base");
        List<String> texts = new ArrayList<>();
        try (var files = Files.walk(kb)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String body = Files.readString(p).replaceAll("(?s)^---.*?---", "").replaceAll("\\s+", " ").trim();
                for (int i = 0; i + 200 < body.length() && texts.size() < 120; i += 1000) {
                    texts.add(body.substring(i, Math.min(body.length(), i + 1000)));
                }
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> lines = new ArrayList<>();
        for (String name : EmbeddingSupport.IN_PROCESS_MODELS) {
            EmbeddingModel m = EmbeddingSupport.inProcess(name, null).model();
            for (int i = 0; i < 5; i++) {
                m.embed(texts.get(i));
            }
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            texts.forEach(m::embed);
            double passageCpu = (os.getProcessCpuTime() - cpu) / 1e6 / texts.size();
            double passageWall = (System.nanoTime() - wall) / 1e6 / texts.size();
            cpu = os.getProcessCpuTime();
            for (int i = 0; i < 50; i++) {
                m.embed("How do I connect my domain to my site after buying it somewhere else? " + i);
            }
            double questionCpu = (os.getProcessCpuTime() - cpu) / 1e6 / 50;
            lines.add(String.format(Locale.ROOT, "%s: %d passages of ~1000 chars: CPU %.1f ms/passage (wall %.1f ms); "
                    + "question: CPU %.1f ms; load %s", name, texts.size(), passageCpu, passageWall, questionCpu,
                    Files.readString(Path.of("/proc/loadavg")).trim()));
        }
        lines.forEach(System.out::println);
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/embedding-cost.txt"), lines);
    }
}
