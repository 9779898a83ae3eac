package io.parley.assistant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.parley.assistant.calibration.AnswerCalibrator;
import io.parley.assistant.calibration.EvidenceFeatures;
import io.parley.assistant.calibration.EvidenceFeatures.Family;
import org.junit.jupiter.api.Test;

/**
 * Which evidence features carry across knowledge bases: for each candidate group of features, a logistic model is
 * fitted leave-one-set-out on the real questions and their leave-gold-out twins of the other sets (each set weighted
 * the same), and measured on the left-out set twice: with the threshold chosen on the training sets (what a new
 * deployment gets) and with the best threshold at ≤ 5% wrong on the left-out set itself (how well the features
 * separate "right article on top" from "a neighbour of the missing one on top" there, an optimistic ceiling).
 * Wrong counts the twins' answers. Reads the dump of {@link CalibrationDumpBenchmark}.
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=AnswerabilityFeatureBenchmark}
 */
class AnswerabilityFeatureBenchmark {

    static final double TARGET = 0.95;

    /** Candidate feature lists per family: the retrieval features before, each answerability signal added alone, the shipped list. */
    static Map<String, List<String>> groups(Family fam) {
        List<String> before = new ArrayList<>(fam == Family.VECTOR
                ? List.of("cosine", "cosine_gap", "cosine_spread", "lists_agree", "bm25_relative") : List.of());
        before.addAll(EvidenceFeatures.LEXICAL_BASE);
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("before (retrieval only)", before);
        List<List<String>> candidates = new ArrayList<>(List.of(List.of("rare_coverage", "rare_coverage_gap"),
                List.of("bigram_coverage"), List.of("sentence_coverage")));
        if (fam == Family.VECTOR) {
            candidates.add(List.of("title_cosine", "title_cosine_gap"));
        }
        for (List<String> c : candidates) {
            List<String> with = new ArrayList<>(before);
            with.addAll(c);
            out.put("+ " + String.join(", ", c), with);
        }
        out.put("shipped", EvidenceFeatures.names(fam));
        return out;
    }

    record Row(String set, boolean correct, boolean twin, Map<String, Double> features) {
    }

    @Test
    void ablation() throws IOException {
        List<CalibrationDump> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(CalibrationDumpBenchmark.OUT)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("dump-[a-z0-9@.-]+\\.jsonl")).sorted().toList()) {
                all.addAll(CalibrationDump.read(f));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Family fam : Family.values()) {
            List<Row> rows = new ArrayList<>();
            Set<String> sets = new LinkedHashSet<>();
            for (CalibrationDump d : all) {
                if (d.question() && EvidenceFeatures.family(d.result()) == fam) {
                    rows.add(new Row(d.set(), d.topCorrect(), d.without(), EvidenceFeatures.named(d.result(), fam)));
                    if (!d.set().contains("@")) {
                        sets.add(d.set());
                    }
                }
            }
            out.append("\n").append(fam.key()).append(" family: answered correctly / wrong (with twins) on the left-out set, ")
                    .append("threshold from the other sets; [ceiling: best threshold at <= 5% wrong on the set itself]\n");
            out.append("| features |");
            sets.forEach(s -> out.append(' ').append(s).append(" |"));
            out.append("\n|---|");
            sets.forEach(s -> out.append("---|"));
            out.append('\n');
            for (Map.Entry<String, List<String>> g : groups(fam).entrySet()) {
                List<String> mask = g.getValue();
                out.append("| ").append(g.getKey()).append(" |");
                for (String s : sets) {
                    List<AnswerCalibrator.Example> train = examples(rows, r -> !CalibrationFitBenchmark.base(r.set()).equals(s), mask);
                    List<Row> test = rows.stream().filter(r -> r.set().equals(s)).toList();
                    if (train.isEmpty() || test.isEmpty()) {
                        out.append(" – |");
                        continue;
                    }
                    AnswerCalibrator.Model m = AnswerCalibrator.fit(train, TARGET, CalibrationFitBenchmark.ITERATIONS, CalibrationFitBenchmark.L2);
                    double[] f = figures(m, test, mask, m.threshold());
                    double[] ceiling = ceiling(m, test, mask);
                    out.append(String.format(Locale.ROOT, " %.3f / %.3f [%.3f] |", f[0], f[1], ceiling[0]));
                }
                out.append('\n');
            }
        }
        System.out.println(out);
        Files.writeString(CalibrationDumpBenchmark.OUT.resolve("ablation.md"), out);
    }

    static double[] masked(Map<String, Double> x, List<String> names) {
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.get(names.get(i));
        }
        return out;
    }

    static List<AnswerCalibrator.Example> examples(List<Row> rows, java.util.function.Predicate<Row> use, List<String> keep) {
        Map<String, Integer> perSet = new LinkedHashMap<>();
        rows.stream().filter(use).forEach(r -> perSet.merge(r.set(), 1, Integer::sum));
        List<AnswerCalibrator.Example> out = new ArrayList<>();
        for (Row r : rows) {
            if (use.test(r)) {
                out.add(new AnswerCalibrator.Example(masked(r.features(), keep), r.correct(), 1000.0 / perSet.get(r.set())));
            }
        }
        return out;
    }

    /** {answered correctly of the real questions, wrong of all answers incl. twins} at threshold t. */
    static double[] figures(AnswerCalibrator.Model m, List<Row> test, List<String> keep, double t) {
        int questions = 0;
        int correct = 0;
        int wrong = 0;
        for (Row r : test) {
            boolean answered = m.probability(masked(r.features(), keep)) >= t;
            if (!r.twin()) {
                questions++;
            }
            if (answered && r.correct()) {
                correct++;
            } else if (answered) {
                wrong++;
            }
        }
        return new double[] {(double) correct / Math.max(1, questions), (double) wrong / Math.max(1, correct + wrong)};
    }

    /** The best answered-correct share over all thresholds that keep wrong (with twins) at or under 5%. */
    static double[] ceiling(AnswerCalibrator.Model m, List<Row> test, List<String> keep) {
        List<double[]> scored = new ArrayList<>();
        long questions = test.stream().filter(r -> !r.twin()).count();
        for (Row r : test) {
            scored.add(new double[] {m.probability(masked(r.features(), keep)), r.correct() ? 1 : 0});
        }
        scored.sort(Comparator.comparingDouble((double[] x) -> -x[0]));
        double best = 0;
        int correct = 0;
        int wrong = 0;
        for (int i = 0; i < scored.size(); i++) {
            if (scored.get(i)[1] == 1) {
                correct++;
            } else {
                wrong++;
            }
            boolean boundary = i + 1 == scored.size() || scored.get(i + 1)[0] < scored.get(i)[0];
            if (boundary && wrong <= 0.05 * (correct + wrong)) {
                best = Math.max(best, (double) correct / questions);
            }
        }
        return new double[] {best};
    }
}
