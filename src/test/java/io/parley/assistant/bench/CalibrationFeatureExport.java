package io.parley.assistant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.parley.assistant.calibration.EvidenceFeatures;
import org.junit.jupiter.api.Test;

/**
 * Writes the production features ({@link EvidenceFeatures}) of every cached search in target/calibration/dump-*.jsonl
 * to target/calibration/features-FAMILY.csv, for exploring models outside the JVM.
 * {@code ./mvnw -B -o -Pbench test -Dtest=CalibrationFeatureExport}
 */
class CalibrationFeatureExport {

    @Test
    void export() throws IOException {
        List<String> vector = new ArrayList<>();
        List<String> lexical = new ArrayList<>();
        List<String> empty = new ArrayList<>(List.of("file,set,kind,id,locale,without,correct"));
        String head = "file,set,kind,id,locale,without,correct,";
        vector.add(head + String.join(",", EvidenceFeatures.names(EvidenceFeatures.Family.VECTOR)));
        lexical.add(head + String.join(",", EvidenceFeatures.names(EvidenceFeatures.Family.LEXICAL)));
        try (Stream<Path> files = Files.list(CalibrationDumpBenchmark.OUT)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("dump-")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".jsonl", "");
                for (CalibrationDump d : CalibrationDump.read(f)) {
                    EvidenceFeatures.Family family = EvidenceFeatures.family(d.result());
                    double[] x = EvidenceFeatures.of(d.result());
                    StringBuilder row = new StringBuilder(String.join(",", name, d.set(), d.kind(), d.id(), d.locale(),
                            d.without() ? "1" : "0", d.topCorrect() ? "1" : "0"));
                    if (x == null) {
                        empty.add(row.toString());
                        continue;
                    }
                    for (double v : x) {
                        row.append(',').append(String.format(Locale.ROOT, "%.5f", v));
                    }
                    (family == EvidenceFeatures.Family.VECTOR ? vector : lexical).add(row.toString());
                }
            }
        }
        Files.write(CalibrationDumpBenchmark.OUT.resolve("features-vector.csv"), vector);
        Files.write(CalibrationDumpBenchmark.OUT.resolve("features-lexical.csv"), lexical);
        Files.write(CalibrationDumpBenchmark.OUT.resolve("features-empty.csv"), empty);
        System.out.println("vector rows " + (vector.size() - 1) + ", lexical rows " + (lexical.size() - 1));
    }
}
