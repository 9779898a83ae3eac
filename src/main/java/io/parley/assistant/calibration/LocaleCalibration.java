package io.parley.assistant.calibration;

import java.time.Instant;

/**
 * What self-calibration chose for one locale and evidence family of a knowledge base: the prior's log-odds are bent
 * to {@code slope * logit + offset} (both bounded, so a knowledge base can only move the prior so far), and the bot
 * answers from the probability {@code threshold} up.
 *
 * @param locale            the locale (language code) the probes were asked in
 * @param family            {@code vector} or {@code lexical}
 * @param source            {@code prior} (too few probes to calibrate: the prior's threshold applies unchanged) or
 *                          {@code self} (fitted on this knowledge base's probes)
 * @param slope             multiplies the prior's log-odds
 * @param offset            added to them
 * @param threshold         the lowest calibrated probability the bot answers at
 * @param probes            probes asked (each with and without its source article)
 * @param probePrecision    share of answered probes that were right at this threshold
 * @param probeAnswered     share of the probes asked with their source article that were answered (rightly)
 * @param fittedAt          when it was fitted
 */
public record LocaleCalibration(String locale, String family, String source, double slope, double offset,
                                double threshold, int probes, double probePrecision, double probeAnswered,
                                Instant fittedAt) {

    public double probability(double priorLogit) {
        return AnswerCalibrator.sigmoid(slope * priorLogit + offset);
    }

    /** The prior unchanged, for a locale whose knowledge base is too small to calibrate. */
    public static LocaleCalibration prior(String locale, String family, double threshold, int probes, Instant at) {
        return new LocaleCalibration(locale, family, "prior", 1, 0, threshold, probes, Double.NaN, Double.NaN, at);
    }
}
