package io.parley.assistant.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.parley.assistant.calibration.EvidenceFeatures;
import io.parley.assistant.calibration.LocaleCalibration;
import io.parley.assistant.calibration.PriorModel;
import io.parley.assistant.calibration.SelfCalibration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the answer decision is calibrated to, for staff (agents, writers, admins; see SecurityConfiguration). */
@RestController
class CalibrationController {

    private final SelfCalibration calibration;

    CalibrationController(SelfCalibration calibration) {
        this.calibration = calibration;
    }

    /** @param lastFit null before the first fit */
    record CalibrationView(double targetPrecision, String embeddingModel, boolean refitPending, LastFitView lastFit,
            PriorView prior, List<LocaleView> locales) {
    }

    /** @param error empty when the fit succeeded */
    record LastFitView(String at, int articles, int probes, long tookMillis, String error) {
    }

    /** @param thresholds by family, written as {@code <family>Threshold} (null: no threshold reaches the target) */
    record PriorView(String fittedOn, @JsonIgnore Map<String, Double> thresholds) {

        @JsonAnyGetter
        Map<String, Double> thresholdKeys() {
            Map<String, Double> keys = new LinkedHashMap<>();
            thresholds.forEach((family, threshold) -> keys.put(family + "Threshold", threshold));
            return keys;
        }
    }

    /** @param threshold null: no threshold reached the target on the probes, so the bot never answers in this locale */
    record LocaleView(String locale, String family, String source, Double threshold, double slope, double offset,
            int probes, Double probePrecision, Double probeAnswered, String fittedAt) {

        static LocaleView of(LocaleCalibration c) {
            return new LocaleView(c.locale(), c.family(), c.source(), finite(c.threshold()), c.slope(), c.offset(),
                    c.probes(), Double.isNaN(c.probePrecision()) ? null : c.probePrecision(),
                    Double.isNaN(c.probeAnswered()) ? null : c.probeAnswered(), c.fittedAt().toString());
        }
    }

    @GetMapping("/api/assistant/calibration")
    CalibrationView calibration() {
        var policy = calibration.policy();
        SelfCalibration.LastFit last = calibration.lastFit();
        LastFitView lastFit = last == null ? null : new LastFitView(last.at().toString(), last.articles(), last.probes(),
                last.tookMillis(), last.error() == null ? "" : last.error());
        PriorModel prior = policy.prior();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (EvidenceFeatures.Family f : EvidenceFeatures.Family.values()) {
            thresholds.put(f.key(), finite(prior.threshold(f)));
        }
        List<LocaleView> locales = policy.calibrations().values().stream()
                .sorted(Comparator.comparing(LocaleCalibration::locale).thenComparing(LocaleCalibration::family))
                .map(LocaleView::of).toList();
        return new CalibrationView(calibration.targetPrecision(), calibration.modelId(), calibration.busy(), lastFit,
                new PriorView(prior.fittedOn(), thresholds), locales);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
