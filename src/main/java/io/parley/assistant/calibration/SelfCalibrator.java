package io.parley.assistant.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.assistant.calibration.AnswerCalibrator.Recalibration;
import io.parley.assistant.calibration.AnswerCalibrator.Scored;
import io.parley.knowledge.index.ArticleRetriever;
import io.parley.knowledge.index.SearchResult;

/**
 * Fits the decision to one knowledge base: every probe is searched with its source article and with it left out,
 * the prior scores both, and per locale and evidence family the prior's log-odds are bent (bounded) to what the probes
 * show and the threshold is set for the target precision.
 * <p>
 * Probes are easier than customer questions (they are made of the article's own words), so the probes alone would
 * pick a threshold that answers too much (measured: 9–29% wrong on English sets). Two guards: the bend is pulled
 * towards the prior ({@link #STRENGTH} pseudo-examples) and clamped, and the threshold chosen on the probes is used
 * only where it is stricter than the prior's, or within {@link #MAX_LOWER} below it. That is what lets a language
 * whose evidence the prior under-rates (short Persian passages, Turkish questions) answer more, while an easy probe
 * set cannot talk the bot into guessing.
 */
public final class SelfCalibrator {

    /** Fewer probes (with their source article) than this in a locale: the prior applies unchanged. */
    public static final int MIN_PROBES = 40;
    static final double STRENGTH = 50;
    static final double MIN_SLOPE = 0.6;
    static final double MAX_SLOPE = 1.6;
    static final double MAX_OFFSET = 1.0;
    static final double MAX_LOWER = 0.15;
    static final int DEPTH = 10;

    private final PriorModel prior;
    private final double targetPrecision;

    public SelfCalibrator(PriorModel prior, double targetPrecision) {
        this.prior = prior;
        this.targetPrecision = targetPrecision;
    }

    /** The evidence of one probe: its search with and without the source article. */
    public record ProbeEvidence(ProbeGenerator.Probe probe, SearchResult with, SearchResult without) {
    }

    /** Asks every probe twice; the cost of a calibration is these searches (two per probe, one query embedding). */
    public static List<ProbeEvidence> ask(ArticleRetriever retriever, List<ProbeGenerator.Probe> probes) {
        List<ProbeEvidence> out = new ArrayList<>(probes.size());
        for (ProbeGenerator.Probe p : probes) {
            SearchResult with = retriever.search(p.text(), p.locale(), DEPTH);
            SearchResult without = retriever.searchWithout(p.text(), p.locale(), DEPTH, Set.of(p.articleId()));
            out.add(new ProbeEvidence(p, with, without));
        }
        return out;
    }

    /** One calibration per locale and family the probes reached. */
    public List<LocaleCalibration> fit(List<ProbeEvidence> evidence, Instant now) {
        Map<String, List<Scored>> byKey = new LinkedHashMap<>();
        Map<String, int[]> probesByKey = new LinkedHashMap<>();
        for (ProbeEvidence e : evidence) {
            add(byKey, e.with(), e.probe().slug(), probesByKey, true);
            add(byKey, e.without(), null, probesByKey, false);
        }
        List<LocaleCalibration> out = new ArrayList<>();
        for (Map.Entry<String, List<Scored>> g : byKey.entrySet()) {
            String[] key = g.getKey().split("/");
            EvidenceFeatures.Family family = EvidenceFeatures.Family.valueOf(key[1].toUpperCase(java.util.Locale.ROOT));
            double priorThreshold = prior.threshold(family);
            int probes = probesByKey.get(g.getKey())[0];
            if (probes < MIN_PROBES) {
                out.add(LocaleCalibration.prior(key[0], key[1], priorThreshold, probes, now));
                continue;
            }
            out.add(fitOne(key[0], key[1], g.getValue(), probes, priorThreshold, now));
        }
        return out;
    }

    LocaleCalibration fitOne(String locale, String family, List<Scored> examples, int probes, double priorThreshold,
                             Instant now) {
        Recalibration r = AnswerCalibrator.recalibrate(examples, STRENGTH, MIN_SLOPE, MAX_SLOPE, MAX_OFFSET);
        double onProbes = AnswerCalibrator.threshold(examples, r, targetPrecision);
        double threshold = Math.max(onProbes, priorThreshold - MAX_LOWER);
        double answered = 0;
        double right = 0;
        for (Scored s : examples) {
            boolean answers = AnswerCalibrator.sigmoid(r.apply(s.logit())) >= threshold;
            if (answers) {
                answered += s.weight();
                right += s.correct() ? s.weight() : 0;
            }
        }
        return new LocaleCalibration(locale, family, "self", r.slope(), r.offset(), threshold, probes,
                answered == 0 ? Double.NaN : right / answered, probes == 0 ? 0 : right / probes, now);
    }

    private void add(Map<String, List<Scored>> byKey, SearchResult result, String goldSlug, Map<String, int[]> counts,
                     boolean countProbe) {
        EvidenceFeatures.Family family = EvidenceFeatures.family(result);
        if (family == null) {
            return; // no hit: the bot hands off whatever the calibration says
        }
        String key = CalibratedPolicy.key(result.searchedLocale(), family.key());
        boolean correct = goldSlug != null && result.hits().get(0).slug().equals(goldSlug);
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Scored(prior.logit(result), correct, 1));
        if (countProbe) {
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
        } else {
            counts.computeIfAbsent(key, k -> new int[1]);
        }
    }
}
