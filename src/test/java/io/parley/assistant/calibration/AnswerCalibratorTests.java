package io.parley.assistant.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.parley.assistant.calibration.AnswerCalibrator.Example;
import io.parley.assistant.calibration.AnswerCalibrator.Model;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCalibratorTests {

    /** Correct with probability rising with the signal (a cosine-like value in 0.5..0.9), plus a noise feature. */
    private static List<Example> synthetic(long seed, int n) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double signal = 0.5 + 0.4 * random.nextDouble();
            double pCorrect = 1 / (1 + Math.exp(-(signal - 0.7) * 30));
            out.add(new Example(new double[] {signal, random.nextGaussian() * 100}, random.nextDouble() < pCorrect));
        }
        return out;
    }

    @Test
    void aMonotoneSignalGivesAMonotoneProbability() {
        Model model = AnswerCalibrator.fit(synthetic(1, 2000), 0.95);
        double previous = -1;
        for (double signal = 0.5; signal <= 0.9; signal += 0.02) {
            double p = model.probability(new double[] {signal, 0});
            assertThat(p).isGreaterThan(previous);
            previous = p;
        }
        assertThat(model.probability(new double[] {0.55, 0})).isLessThan(0.1);
        assertThat(model.probability(new double[] {0.85, 0})).isGreaterThan(0.9);
    }

    @Test
    void theChosenThresholdMeetsTheTargetPrecisionOnItsProbesAndStillAnswersMany() {
        List<Example> probes = synthetic(2, 2000);
        Model model = AnswerCalibrator.fit(probes, 0.95);
        long answered = probes.stream().filter(e -> model.answers(e.features())).count();
        long right = probes.stream().filter(e -> model.answers(e.features()) && e.correct()).count();
        assertThat((double) right / answered).isGreaterThanOrEqualTo(0.95);
        long correct = probes.stream().filter(Example::correct).count();
        assertThat((double) right / correct).isGreaterThan(0.5); // not a threshold so high it answers nothing
        // a stricter target never answers more
        Model strict = AnswerCalibrator.fit(probes, 0.99);
        assertThat(strict.threshold()).isGreaterThanOrEqualTo(model.threshold());
    }

    @Test
    void whenNothingMeetsTheTargetTheModelNeverAnswers() {
        List<Example> coinFlips = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            coinFlips.add(new Example(new double[] {0.7}, i % 2 == 0));
        }
        Model model = AnswerCalibrator.fit(coinFlips, 0.95);
        assertThat(model.answers(new double[] {0.7})).isFalse();
        assertThat(model.answers(new double[] {0.99})).isFalse();
    }

    @Test
    void evidenceFeaturesAreRelativeToTheQueryAndHaveTheirOwnFamilyWithoutVectors() {
        var lexicalOnly = new io.parley.knowledge.index.SearchResult("q", "fa", "fa", false, false, List.of(
                hit("a", 2.0, Float.NaN, 0, 0.8f), hit("b", 1.0, Float.NaN, 0, 0.3f)), 0);
        assertThat(EvidenceFeatures.family(lexicalOnly)).isEqualTo(EvidenceFeatures.Family.LEXICAL);
        double[] f = EvidenceFeatures.of(lexicalOnly);
        assertThat(f).hasSize(EvidenceFeatures.names(EvidenceFeatures.Family.LEXICAL).size()).doesNotContain(Double.NaN);
        assertThat(f[0]).isEqualTo(0.5);           // fused margin over the runner-up
        assertThat(f[1]).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(f[7]).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6)); // coverage gap to the runner-up

        var withVectors = new io.parley.knowledge.index.SearchResult("q", "en", "en", false, true, List.of(
                hit("a", 2.0, 0.82f, 1, 0.8f), hit("b", 1.0, 0.78f, 2, 0.3f)), 0);
        assertThat(EvidenceFeatures.family(withVectors)).isEqualTo(EvidenceFeatures.Family.VECTOR);
        double[] v = EvidenceFeatures.of(withVectors);
        assertThat(v).hasSize(EvidenceFeatures.names(EvidenceFeatures.Family.VECTOR).size());
        assertThat(v[0]).isCloseTo(0.82, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(v[1]).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-6)); // cosine gap
        assertThat(EvidenceFeatures.of(new io.parley.knowledge.index.SearchResult("q", "en", "en", false, true, List.of(), 0))).isNull();
    }

    @Test
    void aRecalibrationFollowsTheDataButStaysWithinItsBounds() {
        // the model's log-odds are too timid: every example above 0 is right, every one below wrong
        List<AnswerCalibrator.Scored> sharp = new ArrayList<>();
        for (int i = -50; i <= 50; i++) {
            if (i != 0) {
                sharp.add(new AnswerCalibrator.Scored(i / 25.0, i > 0, 1));
            }
        }
        AnswerCalibrator.Recalibration r = AnswerCalibrator.recalibrate(sharp, 10, 0.5, 1.5, 1);
        assertThat(r.slope()).isEqualTo(1.5);      // wants much steeper, gets the bound
        assertThat(r.offset()).isBetween(-0.2, 0.2);

        // shifted: right only from log-odds 1 up; the offset moves down, no further than its bound
        List<AnswerCalibrator.Scored> shifted = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            double z = random.nextGaussian() * 2;
            shifted.add(new AnswerCalibrator.Scored(z, random.nextDouble() < 1 / (1 + Math.exp(-(z - 1))), 1));
        }
        AnswerCalibrator.Recalibration down = AnswerCalibrator.recalibrate(shifted, 10, 0.5, 2, 1.5);
        assertThat(down.offset()).isBetween(-1.3, -0.7);
        assertThat(down.slope()).isBetween(0.8, 1.2);
        assertThat(AnswerCalibrator.recalibrate(shifted, 10, 0.5, 2, 0.25).offset()).isEqualTo(-0.25);

        // no data: the identity
        AnswerCalibrator.Recalibration none = AnswerCalibrator.recalibrate(List.of(), 10, 0.5, 2, 1);
        assertThat(none.slope()).isEqualTo(1.0);
        assertThat(none.offset()).isEqualTo(0.0);
    }

    private static io.parley.knowledge.index.ArticleHit hit(String slug, double score, float cosine, int vectorRank, float coverage) {
        return new io.parley.knowledge.index.ArticleHit(slug, slug, "fa", slug, null, score, "", "t", "t",
                new io.parley.knowledge.index.SearchEvidence(1, 10f, 10f, vectorRank, cosine, coverage, 0f, 5, 1, coverage, 0));
    }
}
