package io.parley.assistant.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.assistant.calibration.EvidenceFeatures.Family;
import io.parley.assistant.decision.EvidencePolicy;
import io.parley.knowledge.index.ArticleHit;
import io.parley.knowledge.index.LocaleAnalyzers;
import io.parley.knowledge.index.SearchResult;

/**
 * The bot's evidence decision from a calibrated probability that the top article answers: the cross-domain prior's
 * log-odds, bent by the knowledge base's own calibration for the searched locale ({@link LocaleCalibration}), against
 * the threshold chosen for the target precision. Below the threshold, a probability that is still substantial asks
 * which of the close articles the customer means (a clarifying question is not an answer: the customer picks);
 * below that, the bot says it does not know.
 */
public final class CalibratedPolicy implements EvidencePolicy {

    private static final int MAX_OPTIONS = 3;
    /** Alternatives offered beside the best article must score at least this share of its fused score. */
    private static final double OPTION_SCORE_SHARE = 0.8;

    private final PriorModel prior;
    private final Map<String, LocaleCalibration> byKey;

    /** @param calibrations by {@link #key}; a locale without one uses the prior unchanged */
    public CalibratedPolicy(PriorModel prior, Map<String, LocaleCalibration> calibrations) {
        this.prior = prior;
        this.byKey = Map.copyOf(calibrations);
    }

    public static String key(String locale, String family) {
        return LocaleAnalyzers.language(locale == null ? "en" : locale) + "/" + family;
    }

    public PriorModel prior() {
        return prior;
    }

    public Map<String, LocaleCalibration> calibrations() {
        return byKey;
    }

    @Override
    public Decision decide(String query, SearchResult result) {
        List<ArticleHit> hits = result.hits();
        if (hits.isEmpty()) {
            return new HandOff("missing_knowledge");
        }
        Family family = EvidenceFeatures.family(result);
        double threshold = threshold(result.searchedLocale(), family);
        double p = probability(result, family);
        if (p >= threshold) {
            return new Answered(hits.get(0));
        }
        if (p < clarifyFloor(threshold)) {
            return new HandOff("missing_knowledge");
        }
        // close enough to ask: the best article, and the ones scoring nearly as well
        List<ArticleHit> options = new ArrayList<>();
        ArticleHit best = hits.get(0);
        for (ArticleHit h : hits) {
            if (options.size() < MAX_OPTIONS && (h == best || h.score() >= OPTION_SCORE_SHARE * best.score())) {
                options.add(h);
            }
        }
        return new Clarify(options);
    }

    /** A clarifying question from about half the answer threshold's odds: plausible, not sure. */
    static double clarifyFloor(double threshold) {
        return Math.min(threshold, Math.max(0.25, threshold - 0.3));
    }

    @Override
    public double confidence(SearchResult result) {
        Family family = EvidenceFeatures.family(result);
        return family == null ? 0 : probability(result, family);
    }

    private double probability(SearchResult result, Family family) {
        double logit = prior.logit(result);
        LocaleCalibration c = byKey.get(key(result.searchedLocale(), family.key()));
        return c == null ? AnswerCalibrator.sigmoid(logit) : c.probability(logit);
    }

    private double threshold(String locale, Family family) {
        LocaleCalibration c = byKey.get(key(locale, family.key()));
        return c == null ? prior.threshold(family) : c.threshold();
    }
}
