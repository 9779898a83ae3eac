package io.parley.assistant.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.assistant.calibration.ProbeGenerator;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.knowledge.index.EmbeddingSupport;
import io.parley.knowledge.index.IndexableArticle;
import io.parley.knowledge.index.IndexOptions;
import io.parley.knowledge.index.KnowledgeIndex;
import io.parley.knowledge.markdown.MarkdownKnowledgeBase;
import org.junit.jupiter.api.Test;

/**
 * Step one of calibration: every labelled question of every set (../shared/eval/* and the sample set), asked normally
 * and with its gold articles left out, and the knowledge base's own probes ({@link ProbeGenerator}) asked with and
 * without their source article, written to target/calibration/dump-SET.jsonl ({@link CalibrationDump}). Embedding a
 * set costs minutes on two cores; fitting on the dump takes seconds. A set whose dump exists is skipped (delete the
 * file to redo it).
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=CalibrationDumpBenchmark [-Dcalibration.sets=wixqa,sample]
 * [-Dcalibration.model=bge-small-en-v15-q]}
 */
class CalibrationDumpBenchmark {

    static final Path OUT = Path.of("target/calibration");
    static final int PROBES = 600;

    static Map<String, Path[]> sets() {
        Map<String, Path[]> sets = new java.util.LinkedHashMap<>();
        for (String s : List.of("wixqa", "samsung-tv-emanual", "persianqa", "tquad")) {
            sets.put(s, new Path[] {Path.of("../shared/eval", s, "knowledge-base"), Path.of("../shared/eval", s, "questions.jsonl")});
        }
        sets.put("sample", new Path[] {Path.of("knowledge-base"), Path.of("docs/eval/questions.jsonl")});
        return sets;
    }

    @Test
    void dump() throws IOException {
        Files.createDirectories(OUT);
        String only = System.getProperty("calibration.sets", "");
        String model = System.getProperty("calibration.model", "bge-small-en-v15-q");
        for (Map.Entry<String, Path[]> set : sets().entrySet()) {
            Path file = OUT.resolve("dump-" + set.getKey() + (model.equals("bge-small-en-v15-q") ? "" : "-" + model) + ".jsonl");
            if ((!only.isEmpty() && !List.of(only.split(",")).contains(set.getKey())) || Files.exists(file)
                    || !Files.isDirectory(set.getValue()[0])) {
                continue;
            }
            long t0 = System.nanoTime();
            // a dump with another model is its own set for the prior's weights ("wixqa@none": English without vectors)
            String setName = model.equals("bge-small-en-v15-q") ? set.getKey() : set.getKey() + "@" + model;
            int n = dump(setName, set.getValue()[0], set.getValue()[1], model, file);
            System.out.printf("wrote %s (%d searches) in %.1f s%n", file, n, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static int dump(String name, Path kb, Path questionsFile, String model, Path file) throws IOException {
        List<IndexableArticle> articles = MarkdownKnowledgeBase.read(kb).articles().stream().map(IndexableArticle::from).toList();
        Map<String, Set<String>> idsBySlug = new HashMap<>();
        articles.forEach(a -> idsBySlug.computeIfAbsent(a.slug(), k -> new HashSet<>()).add(a.id()));
        List<EvalQuestion> questions = EvalQuestions.read(questionsFile);
        List<ProbeGenerator.Probe> probes = new ProbeGenerator().generate(articles, PROBES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> lines = new ArrayList<>();
        try (KnowledgeIndex index = KnowledgeIndex.inMemory(IndexOptions.of(model.equals("none") ? EmbeddingSupport.none() : EmbeddingSupport.inProcess(model, pool)))) {
            index.replaceAll(articles);
            for (EvalQuestion q : questions) {
                lines.add(new CalibrationDump(name, "question", q.id(), q.locale(), q.expected(), false,
                        index.search(q.question(), q.locale(), 10)).line());
                if (q.answerable()) {
                    Set<String> gold = new HashSet<>();
                    q.expected().forEach(s -> gold.addAll(idsBySlug.getOrDefault(s, Set.of())));
                    lines.add(new CalibrationDump(name, "question", q.id(), q.locale(), List.of(), true,
                            index.searchWithout(q.question(), q.locale(), 10, gold)).line());
                }
            }
            int i = 0;
            for (ProbeGenerator.Probe p : probes) {
                String id = "p" + i++;
                lines.add(new CalibrationDump(name, p.kind(), id, p.locale(), List.of(p.slug()), false,
                        index.search(p.text(), p.locale(), 10)).line());
                lines.add(new CalibrationDump(name, p.kind(), id, p.locale(), List.of(), true,
                        index.searchWithout(p.text(), p.locale(), 10, Set.of(p.articleId()))).line());
            }
        } finally {
            pool.shutdownNow();
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return lines.size();
    }
}
