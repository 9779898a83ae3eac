package io.parley.assistant.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A calibrated probability that the top article answers the question, fitted by L2-regularised logistic regression
 * over retrieval features, and the lowest probability threshold whose answers reach a target precision on the
 * examples it was chosen on. Features are standardised first, so one regularisation strength suits features of any
 * scale (cosines, BM25 scores, counts) and any embedding model.
 * <p>
 * This is the fitting core of self-calibration: probes made from the knowledge base (asked with and without their
 * source article) and labels from conversations become {@link Example}s; the fitted model decides answer or hand-off.
 */
public final class AnswerCalibrator {

    /** One labelled observation: the features of a search's top hit, whether it answered, and its weight. */
    public record Example(double[] features, boolean correct, double weight) {
        public Example {
            features = features.clone();
        }

        public Example(double[] features, boolean correct) {
            this(features, correct, 1.0);
        }
    }

    /**
     * A fitted model.
     *
     * @param mean      feature means used for standardisation
     * @param scale     feature standard deviations (1 where a feature is constant)
     * @param weights   coefficients of the standardised features
     * @param bias      intercept
     * @param threshold the lowest probability at which the model's answers met the target precision (above 1 when
     *                  no threshold did: the model then never answers)
     */
    public record Model(double[] mean, double[] scale, double[] weights, double bias, double threshold) {

        public double probability(double[] features) {
            return sigmoid(logit(features));
        }

        /** The log-odds that the top hit answers. */
        public double logit(double[] features) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * (features[i] - mean[i]) / scale[i];
            }
            return z;
        }

        public boolean answers(double[] features) {
            return probability(features) >= threshold;
        }

        public Model withThreshold(double t) {
            return new Model(mean, scale, weights, bias, t);
        }
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static final int ITERATIONS = 300;
    private static final double LEARNING_RATE = 0.5;
    private static final double L2 = 1e-3;

    private AnswerCalibrator() {
    }

    /** Fits the model on {@code examples} and picks its threshold for {@code targetPrecision} on the same examples. */
    public static Model fit(List<Example> examples, double targetPrecision) {
        return fit(examples, targetPrecision, ITERATIONS, L2);
    }

    /** The same with another number of gradient steps and L2 strength (the offline prior fit runs longer). */
    public static Model fit(List<Example> examples, double targetPrecision, int iterations, double l2) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to calibrate on");
        }
        int d = examples.get(0).features().length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        double total = 0;
        for (Example e : examples) {
            total += e.weight();
            for (int i = 0; i < d; i++) {
                mean[i] += e.weight() * e.features()[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= total;
        }
        for (Example e : examples) {
            for (int i = 0; i < d; i++) {
                double x = e.features()[i] - mean[i];
                scale[i] += e.weight() * x * x;
            }
        }
        for (int i = 0; i < d; i++) {
            scale[i] = Math.sqrt(scale[i] / total);
            if (scale[i] < 1e-12) {
                scale[i] = 1;
            }
        }
        double[] w = new double[d];
        double b = 0;
        // full-batch gradient descent: a few thousand probes and a dozen features fit in milliseconds, deterministically
        for (int it = 0; it < iterations; it++) {
            double[] gw = new double[d];
            double gb = 0;
            for (Example e : examples) {
                double z = b;
                for (int i = 0; i < d; i++) {
                    z += w[i] * (e.features()[i] - mean[i]) / scale[i];
                }
                double err = (1 / (1 + Math.exp(-z)) - (e.correct() ? 1 : 0)) * e.weight();
                for (int i = 0; i < d; i++) {
                    gw[i] += err * (e.features()[i] - mean[i]) / scale[i];
                }
                gb += err;
            }
            for (int i = 0; i < d; i++) {
                w[i] -= LEARNING_RATE * (gw[i] / total + l2 * w[i]);
            }
            b -= LEARNING_RATE * gb / total;
        }
        Model model = new Model(mean, scale, w, b, Double.POSITIVE_INFINITY);
        return model.withThreshold(threshold(model, examples, targetPrecision));
    }

    /**
     * The lowest probability threshold at which the answers given (examples at or above it) are correct at least
     * {@code targetPrecision} of the time, weighting each example; above 1 if even the most confident answer misses.
     */
    public static double threshold(Model model, List<Example> examples, double targetPrecision) {
        record Scored(double p, Example e) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Example e : examples) {
            scored.add(new Scored(model.probability(e.features()), e));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.p()));
        double best = Double.POSITIVE_INFINITY;
        double right = 0;
        double all = 0;
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            all += s.e().weight();
            if (s.e().correct()) {
                right += s.e().weight();
            }
            // a threshold sits between distinct probabilities only: ties are answered (or not) together
            boolean boundary = i + 1 == scored.size() || scored.get(i + 1).p() < s.p();
            if (boundary && right / all >= targetPrecision) {
                best = s.p();
            }
        }
        return best;
    }

    /** {@code slope * logit + offset}: a bounded bend of a fitted model's log-odds to new data. */
    public record Recalibration(double slope, double offset) {
        public double apply(double logit) {
            return slope * logit + offset;
        }
    }

    /** A log-odds value from an existing model, whether it was right, and its weight. */
    public record Scored(double logit, boolean correct, double weight) {
    }

    /**
     * Fits {@code slope * logit + offset} to {@code examples} by penalised maximum likelihood, pulled towards the
     * identity (slope 1, offset 0) with {@code strength} pseudo-examples' worth of weight, and clamps the result to
     * the bounds: few or odd examples can only move the model a little.
     */
    public static Recalibration recalibrate(List<Scored> examples, double strength, double minSlope, double maxSlope,
                                            double maxOffset) {
        double a = 1;
        double b = 0;
        for (int it = 0; it < 50; it++) {
            // Newton step on the penalised negative log-likelihood (2x2 system)
            double ga = strength * (a - 1);
            double gb = strength * b;
            double haa = strength;
            double hab = 0;
            double hbb = strength;
            for (Scored e : examples) {
                double z = Math.max(-30, Math.min(30, e.logit()));
                double p = sigmoid(a * z + b);
                double err = (p - (e.correct() ? 1 : 0)) * e.weight();
                double w = p * (1 - p) * e.weight();
                ga += err * z;
                gb += err;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new Recalibration(Math.max(minSlope, Math.min(maxSlope, a)), Math.max(-maxOffset, Math.min(maxOffset, b)));
    }

    /**
     * The lowest probability threshold at which the answers among {@code examples}, under {@code r}, are right at
     * least {@code targetPrecision} of the time (weighted); above 1 when none is.
     */
    public static double threshold(List<Scored> examples, Recalibration r, double targetPrecision) {
        List<Example> asExamples = new ArrayList<>();
        for (Scored s : examples) {
            asExamples.add(new Example(new double[] {r.apply(Math.max(-30, Math.min(30, s.logit())))}, s.correct(), s.weight()));
        }
        Model identity = new Model(new double[] {0}, new double[] {1}, new double[] {1}, 0, Double.POSITIVE_INFINITY);
        return threshold(identity, asExamples, targetPrecision);
    }
}
