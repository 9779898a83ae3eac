package io.parley.assistant.decision;

import java.util.List;

import io.parley.assistant.intent.Intent;
import io.parley.assistant.intent.IntentDetector;
import io.parley.assistant.intent.SensitiveTopics;
import io.parley.knowledge.eval.AnswerDecision;
import io.parley.knowledge.index.SearchResult;

/**
 * The decision a question gets in the chat, as far as it depends on the question alone: an explicit request for a
 * person or a sensitive topic is handed off before any answer, everything else goes to the {@link ConfidencePolicy}.
 * The {@code eval} command scores this, so its figures are the chat's.
 */
public final class ChatDecision implements AnswerDecision {

    private final IntentDetector intents = new IntentDetector();
    private final SensitiveTopics sensitiveTopics;
    private final ConfidencePolicy policy;

    public ChatDecision(List<SensitiveTopics.Topic> sensitiveTopics, ConfidencePolicy policy) {
        this.sensitiveTopics = new SensitiveTopics(sensitiveTopics);
        this.policy = policy;
    }

    /** With the defaults the application ships: the default sensitive topics and the calibrated thresholds. */
    public static ChatDecision defaults() {
        return new ChatDecision(SensitiveTopics.DEFAULTS, ConfidencePolicy.calibrated());
    }

    @Override
    public Decision decide(String query, SearchResult result) {
        if (intents.classify(query, false) == Intent.HUMAN_REQUEST) {
            return new HandOff("customer_request");
        }
        return sensitiveTopics.match(query).<Decision>map(HandOff::new).orElseGet(() -> policy.decide(query, result));
    }
}
