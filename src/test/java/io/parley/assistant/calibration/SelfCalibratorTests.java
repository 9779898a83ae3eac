package io.parley.assistant.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.parley.assistant.decision.AnswerDecision;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.SearchEvidence;
import io.parley.knowledge.index.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Self-calibration on synthetic probe evidence, and the calibrated policy's three outcomes. */
class SelfCalibratorTests {

    /** A prior that only looks at the cosine (vector) or the coverage (lexical): log-odds 20 * (x - 0.75). */
    static PriorModel prior(double threshold) {
        int dv = EvidenceFeatures.names(EvidenceFeatures.Family.VECTOR).size();
        int dl = EvidenceFeatures.names(EvidenceFeatures.Family.LEXICAL).size();
        double[] wv = new double[dv];
        wv[0] = 20;
        double[] wl = new double[dl];
        wl[1] = 20;
        return new PriorModel(Map.of(
                EvidenceFeatures.Family.VECTOR, new AnswerCalibrator.Model(new double[dv], ones(dv), wv, -15, threshold),
                EvidenceFeatures.Family.LEXICAL, new AnswerCalibrator.Model(new double[dl], ones(dl), wl, -15, threshold)),
                0.95, "synthetic");
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    static SearchResult result(String locale, boolean vectors, String topSlug, double signal) {
        float cos = vectors ? (float) signal : Float.NaN;
        float cov = vectors ? 0.5f : (float) signal;
        return new SearchResult("q", locale, locale, false, vectors, List.of(
                hit(topSlug, 2.0, cos, vectors ? 1 : 0, cov), hit("other", 1.0, vectors ? cos - 0.05f : Float.NaN, vectors ? 2 : 0, 0.2f)), 0);
    }

    static ArticleHit hit(String slug, double score, float cosine, int vectorRank, float coverage) {
        return new ArticleHit(slug, slug, "en", slug, null, score, "", "text", "text",
                new SearchEvidence(1, 10f, 10f, vectorRank, cosine, coverage, 0f, 5, 1, coverage, 0));
    }

    /** Probes whose top hit is their source with a signal in 0.70..0.95, and whose left-out twin tops at 0.55..0.85. */
    static List<SelfCalibrator.ProbeEvidence> probes(String locale, boolean vectors, int n, long seed) {
        Random random = new Random(seed);
        List<SelfCalibrator.ProbeEvidence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String slug = "a" + i;
            var probe = new ProbeGenerator.Probe(slug, slug, locale, "q" + i, "partial");
            boolean found = random.nextDouble() < 0.85;
            SearchResult with = result(locale, vectors, found ? slug : "neighbour", found ? 0.70 + 0.25 * random.nextDouble()
                    : 0.55 + 0.25 * random.nextDouble());
            SearchResult without = result(locale, vectors, "neighbour", 0.55 + 0.30 * random.nextDouble());
            out.add(new SelfCalibrator.ProbeEvidence(probe, with, without));
        }
        return out;
    }

    @Test
    void aLargeEnoughKnowledgeBaseGetsItsOwnCalibrationThatMeetsTheTargetOnItsProbes() {
        PriorModel prior = prior(0.9);
        List<LocaleCalibration> fitted = new SelfCalibrator(prior, 0.95).fit(probes("en", true, 300, 1), Instant.EPOCH);

        assertThat(fitted).hasSize(1);
        LocaleCalibration en = fitted.get(0);
        assertThat(en.locale()).isEqualTo("en");
        assertThat(en.family()).isEqualTo("vector");
        assertThat(en.source()).isEqualTo("self");
        assertThat(en.probes()).isEqualTo(300);
        assertThat(en.probePrecision()).isGreaterThanOrEqualTo(0.95);
        assertThat(en.probeAnswered()).isGreaterThan(0.2);
        // never laxer than the prior allows
        assertThat(en.threshold()).isGreaterThanOrEqualTo(0.9 - SelfCalibrator.MAX_LOWER);
        assertThat(en.slope()).isBetween(SelfCalibrator.MIN_SLOPE, SelfCalibrator.MAX_SLOPE);
        assertThat(Math.abs(en.offset())).isLessThanOrEqualTo(SelfCalibrator.MAX_OFFSET);
    }

    @Test
    void aKnowledgeBaseTooSmallToCalibrateKeepsThePriorPerLocale() {
        PriorModel prior = prior(0.9);
        List<SelfCalibrator.ProbeEvidence> evidence = new ArrayList<>(probes("en", true, 200, 2));
        evidence.addAll(probes("fa", false, SelfCalibrator.MIN_PROBES - 1, 3));
        List<LocaleCalibration> fitted = new SelfCalibrator(prior, 0.95).fit(evidence, Instant.EPOCH);

        assertThat(fitted).extracting(c -> c.locale() + "/" + c.family() + "/" + c.source())
                .containsExactlyInAnyOrder("en/vector/self", "fa/lexical/prior");
        LocaleCalibration fa = fitted.stream().filter(c -> c.locale().equals("fa")).findFirst().orElseThrow();
        assertThat(fa.threshold()).isEqualTo(0.9);
        assertThat(fa.slope()).isEqualTo(1.0);
        assertThat(fa.offset()).isEqualTo(0.0);
    }

    @Test
    void theCalibratedPolicyAnswersClarifiesOrHandsOffByProbability() {
        CalibratedPolicy policy = new CalibratedPolicy(prior(0.9), Map.of());
        // log-odds 20 * (cos - 0.75): 0.95 -> p 0.98, 0.80 -> p 0.73, 0.60 -> p 0.05
        assertThat(policy.decide("q", result("en", true, "a", 0.95))).isInstanceOf(AnswerDecision.Answered.class);
        assertThat(policy.decide("q", result("en", true, "a", 0.80))).isInstanceOf(AnswerDecision.Clarify.class);
        assertThat(policy.decide("q", result("en", true, "a", 0.60))).isInstanceOf(AnswerDecision.HandOff.class);
        assertThat(policy.decide("q", new SearchResult("q", "en", "en", false, true, List.of(), 0)))
                .isInstanceOf(AnswerDecision.HandOff.class);
        assertThat(policy.confidence(result("en", true, "a", 0.95))).isGreaterThan(policy.confidence(result("en", true, "a", 0.8)));

        // a locale's own calibration moves the same evidence across the threshold
        LocaleCalibration bolder = new LocaleCalibration("en", "vector", "self", 1, 1.0, 0.8, 100, 0.96, 0.5, Instant.EPOCH);
        CalibratedPolicy calibrated = new CalibratedPolicy(prior(0.9), Map.of(CalibratedPolicy.key("en", "vector"), bolder));
        assertThat(calibrated.decide("q", result("en", true, "a", 0.80))).isInstanceOf(AnswerDecision.Answered.class);
        // ... and only that locale's
        assertThat(calibrated.decide("q", result("fa", false, "a", 0.80))).isNotInstanceOf(AnswerDecision.Answered.class);
    }

    /** Labels at one signal level: answering with the top hit there was right ({@code correct}) or wrong. */
    static List<SelfCalibrator.LabelEvidence> labels(int n, double signal, boolean correct) {
        List<SelfCalibrator.LabelEvidence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SelfCalibrator.LabelEvidence(result("en", true, "a", signal), correct));
        }
        return out;
    }

    @Test
    void labelsOfWrongAnswersRaiseTheThresholdAndNoFloodOfRightOnesTakesItBelowTheProbesTarget() {
        PriorModel prior = prior(0.9);
        List<SelfCalibrator.ProbeEvidence> probes = probes("en", true, 300, 1);
        LocaleCalibration plain = new SelfCalibrator(prior, 0.95).fit(probes, Instant.EPOCH).get(0);
        // customers said No to answers the probes would give (signal just above the plain threshold's level)
        LocaleCalibration warned = new SelfCalibrator(prior, 0.95).fit(probes, labels(80, 0.86, false), Instant.EPOCH).get(0);
        assertThat(warned.probability(prior.logit(result("en", true, "a", 0.86))))
                .isLessThan(plain.probability(prior.logit(result("en", true, "a", 0.86))));
        // the bot now needs stronger evidence to answer (thresholds are compared as evidence, not as probabilities:
        // the two calibrations bend the prior differently)
        assertThat(lowestAnswered(prior, warned)).isGreaterThan(lowestAnswered(prior, plain));
        assertThat(warned.probePrecision()).isGreaterThanOrEqualTo(0.95);

        // thousands of "right" labels at a weak signal: bounded in weight, and the probes keep their precision
        LocaleCalibration flooded = new SelfCalibrator(prior, 0.95).fit(probes, labels(5000, 0.72, true), Instant.EPOCH).get(0);
        assertThat(flooded.probePrecision()).isGreaterThanOrEqualTo(0.95);
        assertThat(flooded.slope()).isBetween(SelfCalibrator.MIN_SLOPE, SelfCalibrator.MAX_SLOPE);
        assertThat(Math.abs(flooded.offset())).isLessThanOrEqualTo(SelfCalibrator.MAX_OFFSET);
        assertThat(SelfCalibrator.bounded(List.of(new AnswerCalibrator.Scored(0, true, 10_000)), 300).get(0).weight())
                .isEqualTo(SelfCalibrator.MAX_LABEL_SHARE * 2 * 300);
    }

    /** The weakest signal (cosine, in steps of 0.005) at which the calibration answers. */
    static double lowestAnswered(PriorModel prior, LocaleCalibration c) {
        for (int i = 0; i <= 200; i++) {
            double signal = 0.5 + i * 0.0025;
            if (c.probability(prior.logit(result("en", true, "a", signal))) >= c.threshold()) {
                return signal;
            }
        }
        return 1;
    }

    @Test
    void aLabelSpeaksAboutTodaysTopHitOnly() {
        SearchResult topA = result("en", true, "a", 0.9);
        AnswerLabel right = new AnswerLabel(null, "q", "en", "a", "en", AnswerLabel.Verdict.RIGHT_ARTICLE,
                AnswerLabel.Source.CUSTOMER_FEEDBACK, Instant.EPOCH, null);
        AnswerLabel rightOther = new AnswerLabel(null, "q", "en", "b", "en", AnswerLabel.Verdict.RIGHT_ARTICLE,
                AnswerLabel.Source.AGENT_LINK, Instant.EPOCH, null);
        AnswerLabel wrongOther = new AnswerLabel(null, "q", "en", "b", "en", AnswerLabel.Verdict.WRONG_ARTICLE,
                AnswerLabel.Source.CUSTOMER_FEEDBACK, Instant.EPOCH, null);
        AnswerLabel handOff = new AnswerLabel(null, "q", "en", null, null, AnswerLabel.Verdict.SHOULD_HAND_OFF,
                AnswerLabel.Source.WRITER_VERDICT, Instant.EPOCH, null);
        assertThat(SelfCalibrator.LabelEvidence.of(right, topA).correct()).isTrue();
        assertThat(SelfCalibrator.LabelEvidence.of(rightOther, topA).correct()).isFalse(); // the agent linked another
        assertThat(SelfCalibrator.LabelEvidence.of(wrongOther, topA)).isNull();            // says nothing about "a"
        assertThat(SelfCalibrator.LabelEvidence.of(handOff, topA).correct()).isFalse();
    }
}
