package io.parley.assistant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.parley.assistant.calibration.AnswerCalibrator;
import io.parley.assistant.calibration.CalibratedPolicy;
import io.parley.assistant.calibration.EvidenceFeatures;
import io.parley.assistant.calibration.EvidenceFeatures.Family;
import io.parley.assistant.calibration.LocaleCalibration;
import io.parley.assistant.calibration.PriorModel;
import io.parley.assistant.calibration.ProbeGenerator;
import io.parley.assistant.calibration.SelfCalibrator;
import io.parley.assistant.decision.AnswerDecision;
import org.junit.jupiter.api.Test;

/**
 * Step two and the offline half of step four: fits the cross-domain prior on the cached searches
 * (target/calibration/dump-*.jsonl, {@link CalibrationDumpBenchmark}) of every set, validates it leave-one-set-out
 * (fit without S, self-calibrate on S's probes, measure on S's real questions and their leave-gold-out twins), and
 * writes the prior fitted on all sets to src/main/resources (with {@code -Dcalibration.write=true}).
 * {@code ./mvnw -B -o -Pbench test -Dtest=CalibrationFitBenchmark [-Dcalibration.write=true]}
 */
class CalibrationFitBenchmark {

    static final double TARGET = 0.95;
    static final int ITERATIONS = 3000;
    static final double L2 = 1e-3;

    @Test
    void fitAndValidate() throws IOException {
        List<CalibrationDump> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(CalibrationDumpBenchmark.OUT)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("dump-[a-z0-9@.-]+\\.jsonl")).sorted().toList()) {
                all.addAll(CalibrationDump.read(f));
            }
        }
        Set<String> sets = new LinkedHashSet<>();
        all.forEach(d -> {
            if (!d.set().contains("@")) {
                sets.add(d.set());
            }
        });
        StringBuilder table = new StringBuilder();
        table.append("| left-out set | prior thresholds (vector / lexical) | answered correctly | wrong (with simulated) | simulated handed off | prior only: correct / wrong / handed off |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (String s : sets) {
            PriorModel prior = fitPrior(all, d -> !base(d.set()).equals(s));
            Figures self = evaluate(all, s, prior, true);
            Figures priorOnly = evaluate(all, s, prior, false);
            table.append(String.format(Locale.ROOT, "| %s | %.3f / %.3f | %.3f | %.3f | %.3f | %.3f / %.3f / %.3f |%n", s,
                    prior.threshold(Family.VECTOR), prior.threshold(Family.LEXICAL), self.correct, self.wrong, self.handedOff,
                    priorOnly.correct, priorOnly.wrong, priorOnly.handedOff));
        }
        PriorModel full = fitPrior(all, d -> true);
        table.append("\nIn sample (prior fitted on every set, self-calibrated on each set's probes):\n\n");
        table.append("| set | answered correctly | wrong (with simulated) | simulated handed off | before: fixed thresholds, correct / wrong / handed off | calibrations |\n|---|---|---|---|---|---|\n");
        for (String s : sets) {
            Figures f = evaluate(all, s, full, true);
            Figures before = evaluate(all, s, io.parley.assistant.decision.ConfidencePolicy.calibrated());
            table.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f / %.3f / %.3f | %s |%n", s, f.correct, f.wrong,
                    f.handedOff, before.correct, before.wrong, before.handedOff, f.calibrations));
        }
        System.out.println(table);
        Files.writeString(CalibrationDumpBenchmark.OUT.resolve("fit-table.md"), table);
        for (Family fam : Family.values()) {
            AnswerCalibrator.Model m = full.models().get(fam);
            StringBuilder w = new StringBuilder(fam.key() + " weights:");
            for (int i = 0; i < m.weights().length; i++) {
                w.append(String.format(Locale.ROOT, " %s=%.2f", EvidenceFeatures.names(fam).get(i), m.weights()[i]));
            }
            System.out.println(w + String.format(Locale.ROOT, " bias=%.2f threshold=%.3f", m.bias(), m.threshold()));
        }
        if (Boolean.getBoolean("calibration.write")) {
            Path out = Path.of("src/main/resources" + PriorModel.RESOURCE);
            Files.writeString(out, full.toJson());
            System.out.println("wrote " + out);
        }
    }

    /** Real questions (asked normally and without their gold) of the sets the filter keeps; each set weighs the same. */
    static PriorModel fitPrior(List<CalibrationDump> all, Predicate<CalibrationDump> use) {
        Map<Family, AnswerCalibrator.Model> models = new EnumMap<>(Family.class);
        StringBuilder on = new StringBuilder();
        for (Family fam : Family.values()) {
            Map<String, List<CalibrationDump>> bySet = new LinkedHashMap<>();
            for (CalibrationDump d : all) {
                if (d.question() && use.test(d) && EvidenceFeatures.family(d.result()) == fam) {
                    bySet.computeIfAbsent(d.set(), k -> new ArrayList<>()).add(d);
                }
            }
            List<AnswerCalibrator.Example> examples = new ArrayList<>();
            for (Map.Entry<String, List<CalibrationDump>> e : bySet.entrySet()) {
                double w = 1000.0 / e.getValue().size();
                for (CalibrationDump d : e.getValue()) {
                    examples.add(new AnswerCalibrator.Example(EvidenceFeatures.of(d.result()), d.topCorrect(), w));
                }
                on.append(fam.key()).append(':').append(e.getKey()).append('=').append(e.getValue().size()).append(' ');
            }
            models.put(fam, AnswerCalibrator.fit(examples, TARGET, ITERATIONS, L2));
        }
        return new PriorModel(models, TARGET, on.toString().strip());
    }

    /** "wixqa" for "wixqa@none": the same set asked without vectors. */
    static String base(String set) {
        int at = set.indexOf('@');
        return at < 0 ? set : set.substring(0, at);
    }

    record Figures(double correct, double wrong, double handedOff, String calibrations) {
    }

    static Figures evaluate(List<CalibrationDump> all, String set, PriorModel prior, boolean selfCalibrate) {
        Map<String, LocaleCalibration> calibrations = new LinkedHashMap<>();
        if (selfCalibrate) {
            Map<String, CalibrationDump[]> pairs = new LinkedHashMap<>();
            for (CalibrationDump d : all) {
                if (d.set().equals(set) && !d.question()) {
                    pairs.computeIfAbsent(d.id(), k -> new CalibrationDump[2])[d.without() ? 1 : 0] = d;
                }
            }
            List<SelfCalibrator.ProbeEvidence> evidence = new ArrayList<>();
            for (CalibrationDump[] p : pairs.values()) {
                String slug = p[0].expected().get(0);
                evidence.add(new SelfCalibrator.ProbeEvidence(new ProbeGenerator.Probe(slug, slug, p[0].locale(), p[0].result().query(), p[0].kind()),
                        p[0].result(), p[1].result()));
            }
            for (LocaleCalibration c : new SelfCalibrator(prior, TARGET).fit(evidence, Instant.EPOCH)) {
                calibrations.put(CalibratedPolicy.key(c.locale(), c.family()), c);
            }
        }
        Figures f = evaluate(all, set, new CalibratedPolicy(prior, calibrations));
        StringBuilder c = new StringBuilder();
        calibrations.values().forEach(x -> c.append(String.format(Locale.ROOT, "%s/%s %s t=%.2f a=%.2f b=%.2f n=%d; ",
                x.locale(), x.family(), x.source(), x.threshold(), x.slope(), x.offset(), x.probes())));
        return new Figures(f.correct, f.wrong, f.handedOff, c.toString().strip());
    }

    static Figures evaluate(List<CalibrationDump> all, String set, AnswerDecision policy) {
        int questions = 0;
        int correct = 0;
        int wrong = 0;
        int simulated = 0;
        int simulatedAnswered = 0;
        for (CalibrationDump d : all) {
            if (!d.set().equals(set) || !d.question()) {
                continue;
            }
            boolean answered = policy.decide(d.result().query(), d.result()) instanceof AnswerDecision.Answered;
            if (d.without()) {
                simulated++;
                if (answered) {
                    simulatedAnswered++;
                    wrong++;
                }
            } else {
                questions++;
                if (answered && d.topCorrect()) {
                    correct++;
                } else if (answered) {
                    wrong++;
                }
            }
        }
        return new Figures((double) correct / questions, (double) wrong / Math.max(1, correct + wrong),
                1 - (double) simulatedAnswered / Math.max(1, simulated), "");
    }
}
