package io.parley.assistant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Settings of the assistant module ({@code parley.assistant.*}).
 *
 * @param botName the name the bot introduces itself with and signs as (default {@code Parley})
 * @param llm the optional language model that writes grounded answers and hand-off summaries; without it the bot
 *     answers extractively
 * @param enabled whether the bot answers customers at all (default true); false leaves every conversation to people
 * @param sensitiveTopics topics that always go to a person, each with its reason code and phrases in any language;
 *     replaces the defaults (billing disputes and refund requests, account security and identity checks, legal,
 *     outages) when set
 * @param decision the calibrated thresholds of the answer / clarify / hand-off decision (see docs/BENCHMARKS.md);
 *     change them only after measuring with the {@code eval} command
 * @param threads how many customer messages the bot works on at once (default 4)
 * @param targetPrecision the share of the bot's answers that should be right (default 0.95): self-calibration picks
 *     the answer threshold that reaches it on the knowledge base's probes, never laxer than the prior allows
 * @param calibration how and when the decision is recalibrated to the knowledge base
 * @param labels how many labels of the bot's answers (customers' yes/no, agents' article links, writers'
 *     verdicts) are kept for the calibration
 */
@ConfigurationProperties("parley.assistant")
public record AssistantProperties(String botName, Llm llm, Boolean enabled,
        java.util.List<io.parley.assistant.intent.SensitiveTopics.Topic> sensitiveTopics,
        io.parley.assistant.decision.ConfidencePolicy.Thresholds decision, Integer threads, Double targetPrecision,
        Calibration calibration, Labels labels) {

    public AssistantProperties {
        botName = StringUtils.hasText(botName) ? botName.strip() : "Parley";
        llm = llm == null ? Llm.disabled() : llm;
        enabled = enabled == null || enabled;
        sensitiveTopics = sensitiveTopics == null || sensitiveTopics.isEmpty()
                ? io.parley.assistant.intent.SensitiveTopics.DEFAULTS : java.util.List.copyOf(sensitiveTopics);
        decision = decision == null ? io.parley.assistant.decision.ConfidencePolicy.Thresholds.calibrated() : decision;
        threads = threads == null || threads <= 0 ? 4 : threads;
        targetPrecision = targetPrecision == null ? 0.95 : targetPrecision;
        if (targetPrecision <= 0.5 || targetPrecision >= 1) {
            throw new IllegalArgumentException("parley.assistant.target-precision must be above 0.5 and below 1, not " + targetPrecision);
        }
        calibration = calibration == null ? new Calibration(null, null, null) : calibration;
        labels = labels == null ? new Labels(null, null) : labels;
    }

    /**
     * Self-calibration of the answer decision ({@code parley.assistant.calibration.*}).
     *
     * @param enabled true: the calibrated probability decides (the knowledge base's own self-calibration over the shipped
     *     prior); default false, the fixed thresholds of {@code decision}: the calibration does not yet answer enough
     *     questions (docs/BENCHMARKS.md, "Answer calibration")
     * @param debounce how long after the last article change the refit starts (default 30 seconds)
     * @param maxProbes the most probe questions one refit asks (default 600; each is searched twice)
     */
    public record Calibration(Boolean enabled, Duration debounce, Integer maxProbes) {
        public Calibration {
            enabled = enabled != null && enabled;
            debounce = debounce == null || debounce.isNegative() ? Duration.ofSeconds(30) : debounce;
            maxProbes = maxProbes == null || maxProbes <= 0 ? 600 : maxProbes;
        }
    }

    /**
     * The store of answer labels ({@code parley.assistant.labels.*}).
     *
     * @param maxStored the most labels kept; past it the oldest are deleted (default 50,000)
     * @param maxPerConversation the most labels one conversation contributes (default 10), so that one insistent
     *     customer cannot outweigh the others
     */
    public record Labels(Integer maxStored, Integer maxPerConversation) {

        public Labels {
            maxStored = maxStored == null || maxStored <= 0 ? 50_000 : maxStored;
            maxPerConversation = maxPerConversation == null || maxPerConversation <= 0 ? 10 : maxPerConversation;
        }
    }

    /**
     * An OpenAI-compatible chat completions endpoint ({@code parley.assistant.llm.*}).
     *
     * @param provider {@code openai} (default) or {@code ollama}; both use the same OpenAI-compatible client,
     *     ollama just needs no API key
     * @param baseUrl the API root including the version, e.g. {@code https://api.openai.com/v1} or
     *     {@code http://localhost:11434/v1}; empty (default) disables the LLM
     * @param model the model name, e.g. {@code gpt-4o-mini} or {@code llama3.1:8b}; defaults to {@code gpt-4o-mini}
     *     for openai and is required for ollama
     * @param apiKey the bearer key for openai; ignored by ollama
     * @param timeout the longest the bot waits for one model reply, retries included (default 8 seconds); past it
     *     the bot falls back to an extractive answer or a hand-off
     * @param temperature sampling temperature (default 0.0: grounded answers should not be creative)
     * @param maxTokens the most tokens one reply may use (default 400); a reply cut off at this limit is discarded
     * @param maxSources how many retrieved passages the model is shown, best first (default 4)
     * @param maxRetries retries of a failed request (429, 5xx, network) within {@code timeout} (default 1)
     * @param maxConcurrent model calls in flight at once (default 4); further calls wait, and their waiting counts
     *     against {@code timeout}
     */
    public record Llm(String provider, String baseUrl, String model, String apiKey, Duration timeout,
            Double temperature, Integer maxTokens, Integer maxSources, Integer maxRetries, Integer maxConcurrent) {

        public Llm {
            provider = StringUtils.hasText(provider) ? provider.strip().toLowerCase(java.util.Locale.ROOT) : "openai";
            baseUrl = baseUrl == null ? "" : baseUrl.strip();
            model = StringUtils.hasText(model) ? model.strip() : ("openai".equals(provider) ? "gpt-4o-mini" : "");
            apiKey = apiKey == null ? "" : apiKey.strip();
            timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(8) : timeout;
            temperature = temperature == null || temperature < 0 ? 0.0 : temperature;
            maxTokens = maxTokens == null || maxTokens <= 0 ? 400 : maxTokens;
            maxSources = maxSources == null || maxSources <= 0 ? 4 : maxSources;
            maxRetries = maxRetries == null || maxRetries < 0 ? 1 : maxRetries;
            maxConcurrent = maxConcurrent == null || maxConcurrent <= 0 ? 4 : maxConcurrent;
        }

        /** No endpoint: the bot answers extractively and writes no summaries. */
        public static Llm disabled() {
            return new Llm(null, null, null, null, null, null, null, null, null, null);
        }

        public boolean enabled() {
            return !baseUrl.isEmpty();
        }
    }
}
