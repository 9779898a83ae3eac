package io.parley.assistant.decision;

import java.util.Optional;
import java.util.function.Supplier;

import io.parley.assistant.intent.Intent;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.knowledge.index.SearchResult;

/**
 * The bot's decision for one question, the single copy of its rules: an explicit request for a person or a
 * sensitive topic is handed off before any answer ({@link #screen}), everything else is decided on the search
 * evidence by the current {@link EvidencePolicy}. The chat's planner and the {@code eval} command both call this, so
 * the eval's figures are the chat's.
 */
public final class BotDecision implements AnswerDecision {

    private final IntentDetector intents;
    private final Supplier<SensitiveTopics> sensitiveTopics;
    private final Supplier<? extends EvidencePolicy> policy;

    /** @param policy the evidence policy in force; asked per decision, so a refitted calibration applies at once */
    public BotDecision(IntentDetector intents, SensitiveTopics sensitiveTopics, Supplier<? extends EvidencePolicy> policy) {
        this(intents, () -> sensitiveTopics, policy);
    }

    /** @param sensitiveTopics the topics in force; asked per decision, so an admin's change applies at once */
    public BotDecision(IntentDetector intents, Supplier<SensitiveTopics> sensitiveTopics,
            Supplier<? extends EvidencePolicy> policy) {
        this.intents = intents;
        this.sensitiveTopics = sensitiveTopics;
        this.policy = policy;
    }

    /** With the defaults the application ships: the default sensitive topics and the fixed thresholds. */
    public static BotDecision defaults() {
        ConfidencePolicy fixed = ConfidencePolicy.calibrated();
        return new BotDecision(new IntentDetector(), new SensitiveTopics(SensitiveTopics.DEFAULTS), () -> fixed);
    }

    /** The same rules with another evidence policy. */
    public BotDecision withPolicy(EvidencePolicy other) {
        return new BotDecision(intents, sensitiveTopics, () -> other);
    }

    /**
     * The rules that come before any search: a hand-off with reason {@code customer_request} for a request for a
     * person, or the sensitive topic's name; empty when the question is for the evidence to decide.
     */
    public Optional<HandOff> screen(String text, Intent intent) {
        if (intent == Intent.HUMAN_REQUEST) {
            return Optional.of(new HandOff(CUSTOMER_REQUEST));
        }
        return sensitiveTopics.get().match(text).map(HandOff::new);
    }

    public static final String CUSTOMER_REQUEST = "customer_request";

    @Override
    public Decision decide(String query, SearchResult result) {
        return screen(query, intents.classify(query, false)).<Decision>map(h -> h).orElseGet(() -> onEvidence(query, result));
    }

    /** Answer, clarify or hand off on the search evidence alone. */
    public Decision onEvidence(String query, SearchResult result) {
        return policy.get().decide(query, result);
    }

    public double confidence(SearchResult result) {
        return policy.get().confidence(result);
    }
}
