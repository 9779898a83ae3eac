package io.parley.assistant.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.assistant.calibration.EvidenceFeatures.Family;
import io.parley.knowledge.index.SearchResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cross-domain prior: one logistic model per {@link Family}, fitted on every labelled set (real questions and
 * their leave-gold-out twins) and shipped in the jar as {@value #RESOURCE}. It gives the probability that a search's
 * top article answers the question; self-calibration bends it to a knowledge base, within bounds.
 *
 * @param models          the fitted model of each family (features in {@link EvidenceFeatures#names} order)
 * @param targetPrecision the precision its thresholds were chosen for
 * @param fittedOn        a description of the data (sets and counts), for the calibration endpoint
 */
public record PriorModel(Map<Family, AnswerCalibrator.Model> models, double targetPrecision, String fittedOn) {

    public static final String RESOURCE = "/io/parley/assistant/calibration/prior.json";

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public PriorModel {
        models = Map.copyOf(models);
    }

    /** The log-odds that the top hit answers, or -infinity when there is no hit. */
    public double logit(SearchResult result) {
        Family family = EvidenceFeatures.family(result);
        if (family == null) {
            return Double.NEGATIVE_INFINITY;
        }
        return models.get(family).logit(EvidenceFeatures.of(result, family));
    }

    public double threshold(Family family) {
        return models.get(family).threshold();
    }

    /** The prior shipped with the application. */
    public static PriorModel shipped() {
        try (InputStream in = PriorModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PriorModel read(JsonNode n) {
        Map<Family, AnswerCalibrator.Model> models = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            JsonNode m = n.get("models").get(f.key());
            List<String> names = JSON.convertValue(m.get("features"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            if (!names.equals(EvidenceFeatures.names(f))) {
                throw new IllegalStateException("prior for " + f.key() + " was fitted on other features: " + names);
            }
            models.put(f, new AnswerCalibrator.Model(doubles(m.get("mean")), doubles(m.get("scale")), doubles(m.get("weights")),
                    m.get("bias").asDouble(), m.get("threshold").asDouble()));
        }
        return new PriorModel(models, n.get("target_precision").asDouble(), n.get("fitted_on").asString());
    }

    /** The JSON form of {@link #RESOURCE}. */
    public String toJson() {
        Map<String, FamilyJson> families = new java.util.LinkedHashMap<>();
        for (Family f : Family.values()) {
            AnswerCalibrator.Model m = models.get(f);
            families.put(f.key(), new FamilyJson(EvidenceFeatures.names(f), m.mean(), m.scale(), m.weights(), m.bias(),
                    m.threshold()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new PriorJson(targetPrecision, fittedOn, families));
    }

    /** {@value #RESOURCE} as written: its keys are snake_case and in this order, as {@link #read} expects. */
    record PriorJson(@JsonProperty("target_precision") double targetPrecision, @JsonProperty("fitted_on") String fittedOn,
            Map<String, FamilyJson> models) {
    }

    /** One family's model in {@value #RESOURCE}. */
    record FamilyJson(List<String> features, double[] mean, double[] scale, double[] weights, double bias,
            double threshold) {
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
