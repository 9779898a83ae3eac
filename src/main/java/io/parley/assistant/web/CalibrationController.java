package io.parley.assistant.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.assistant.calibration.EvidenceFeatures;
import io.parley.assistant.calibration.LocaleCalibration;
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

    @GetMapping("/api/assistant/calibration")
    Map<String, Object> calibration() {
        var policy = calibration.policy();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetPrecision", calibration.targetPrecision());
        out.put("embeddingModel", calibration.modelId());
        out.put("refitPending", calibration.busy());
        SelfCalibration.LastFit last = calibration.lastFit();
        out.put("lastFit", last == null ? null : Map.of("at", last.at().toString(), "articles", last.articles(),
                "probes", last.probes(), "tookMillis", last.tookMillis(), "error", last.error() == null ? "" : last.error()));
        Map<String, Object> prior = new LinkedHashMap<>();
        prior.put("fittedOn", policy.prior().fittedOn());
        for (EvidenceFeatures.Family f : EvidenceFeatures.Family.values()) {
            prior.put(f.key() + "Threshold", finite(policy.prior().threshold(f)));
        }
        out.put("prior", prior);
        List<Map<String, Object>> locales = new ArrayList<>();
        policy.calibrations().values().stream()
                .sorted(Comparator.comparing(LocaleCalibration::locale).thenComparing(LocaleCalibration::family))
                .forEach(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("locale", c.locale());
                    m.put("family", c.family());
                    m.put("source", c.source());
                    // null: no threshold reached the target on the probes, so the bot never answers in this locale
                    m.put("threshold", finite(c.threshold()));
                    m.put("slope", c.slope());
                    m.put("offset", c.offset());
                    m.put("probes", c.probes());
                    m.put("probePrecision", Double.isNaN(c.probePrecision()) ? null : c.probePrecision());
                    m.put("probeAnswered", Double.isNaN(c.probeAnswered()) ? null : c.probeAnswered());
                    m.put("fittedAt", c.fittedAt().toString());
                    locales.add(m);
                });
        out.put("locales", locales);
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
