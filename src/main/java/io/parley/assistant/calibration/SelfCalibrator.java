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
    /** A conversation's label is a real question: it weighs as much as this many probes. */
    static final double LABEL_WEIGHT = 3;
    /** All labels of a locale together weigh at most this share of its probes, so a few odd ones cannot take over. */
    static final double MAX_LABEL_SHARE = 0.5;

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

    /**
     * A label from the conversations, searched again on the current index: whether answering with today's top hit
     * would be right ({@link #of}).
     */
    public record LabelEvidence(SearchResult result, boolean correct) {

        /**
         * The evidence of a label, or null when it says nothing about today's top hit (a "wrong article" verdict
         * about an article that is no longer on top, or no hit at all).
         */
        public static LabelEvidence of(AnswerLabel label, SearchResult result) {
            if (result.hits().isEmpty() || label.verdict() == null) {
                return null;
            }
            boolean same = result.hits().get(0).slug().equals(label.articleSlug());
            return switch (label.verdict()) {
                case RIGHT_ARTICLE -> new LabelEvidence(result, same);
                case WRONG_ARTICLE -> same ? new LabelEvidence(result, false) : null;
                case SHOULD_HAND_OFF -> new LabelEvidence(result, false);
            };
        }
    }

    /** Searches each label's question again on the retriever (labels of any locale; their own locale is searched). */
    public static List<LabelEvidence> askLabels(ArticleRetriever retriever, List<AnswerLabel> labels) {
        List<LabelEvidence> out = new ArrayList<>();
        for (AnswerLabel l : labels) {
            LabelEvidence e = LabelEvidence.of(l, retriever.search(l.query(), l.locale(), DEPTH));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** One calibration per locale and family the probes reached. */
    public List<LocaleCalibration> fit(List<ProbeEvidence> evidence, Instant now) {
        return fit(evidence, List.of(), now);
    }

    /**
     * One calibration per locale and family the probes reached, the conversations' labels joining the probes with a
     * bounded weight ({@link #LABEL_WEIGHT}, {@link #MAX_LABEL_SHARE}); the threshold never falls below what keeps
     * the probes themselves at the target precision.
     */
    public List<LocaleCalibration> fit(List<ProbeEvidence> evidence, List<LabelEvidence> labels, Instant now) {
        Map<String, List<Scored>> byKey = new LinkedHashMap<>();
        Map<String, int[]> probesByKey = new LinkedHashMap<>();
        for (ProbeEvidence e : evidence) {
            add(byKey, e.with(), e.probe().slug(), probesByKey, true);
            add(byKey, e.without(), null, probesByKey, false);
        }
        Map<String, List<Scored>> labelsByKey = new LinkedHashMap<>();
        for (LabelEvidence l : labels) {
            EvidenceFeatures.Family family = EvidenceFeatures.family(l.result());
            labelsByKey.computeIfAbsent(CalibratedPolicy.key(l.result().searchedLocale(), family.key()), k -> new ArrayList<>())
                    .add(new Scored(prior.logit(l.result()), l.correct(), LABEL_WEIGHT));
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
            out.add(fitOne(key[0], key[1], g.getValue(), bounded(labelsByKey.getOrDefault(g.getKey(), List.of()), probes),
                    probes, priorThreshold, now));
        }
        return out;
    }

    /** The labels, their weights scaled down so that together they weigh at most {@link #MAX_LABEL_SHARE} of the probes. */
    static List<Scored> bounded(List<Scored> labels, int probes) {
        double total = labels.stream().mapToDouble(Scored::weight).sum();
        double cap = MAX_LABEL_SHARE * 2 * probes; // each probe is asked twice (with and without its article)
        if (total <= cap) {
            return labels;
        }
        double f = cap / total;
        return labels.stream().map(l -> new Scored(l.logit(), l.correct(), l.weight() * f)).toList();
    }

    LocaleCalibration fitOne(String locale, String family, List<Scored> examples, int probes, double priorThreshold,
                             Instant now) {
        return fitOne(locale, family, examples, List.of(), probes, priorThreshold, now);
    }

    LocaleCalibration fitOne(String locale, String family, List<Scored> examples, List<Scored> labels, int probes,
                             double priorThreshold, Instant now) {
        List<Scored> all = new ArrayList<>(examples);
        all.addAll(labels);
        Recalibration r = AnswerCalibrator.recalibrate(all, STRENGTH, MIN_SLOPE, MAX_SLOPE, MAX_OFFSET);
        // the labels may raise the threshold or, by bending the model, lower it, but never below what the probes need
        double onProbes = Math.max(AnswerCalibrator.threshold(all, r, targetPrecision),
                AnswerCalibrator.threshold(examples, r, targetPrecision));
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
