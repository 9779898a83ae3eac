package io.parley.assistant.answer;

import java.util.Optional;

/**
 * Writes the text of an answer from retrieved passages. The extractive writer quotes the best passage; an LLM
 * writer composes a grounded answer that cites the passages it used. A writer that cannot ground an answer (no
 * model, a failure, a timeout, no or unknown citations) returns empty, and the bot falls back.
 */
public interface AnswerWriter {

    Optional<WrittenAnswer> write(AnswerRequest request);

    /** The same, telling a writer's verdict that the sources do not answer apart from a failure. */
    default AnswerAttempt attempt(AnswerRequest request) {
        return write(request).map(AnswerAttempt::written).orElseGet(AnswerAttempt::failed);
    }
}
