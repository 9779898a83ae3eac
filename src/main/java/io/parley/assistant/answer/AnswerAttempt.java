package io.parley.assistant.answer;

import java.util.Optional;

/**
 * What a writer made of a request: an answer; a verdict that the sources do not answer the question (a language
 * model's NO_ANSWER), which is a hand-off signal, not a failure to fall back from; or nothing (no model, an error, a
 * timeout, an ungrounded reply), after which the bot falls back to the extractive answer.
 */
public record AnswerAttempt(Optional<WrittenAnswer> answer, boolean sourcesDoNotAnswer) {

    public static AnswerAttempt written(WrittenAnswer answer) {
        return new AnswerAttempt(Optional.of(answer), false);
    }

    public static AnswerAttempt declined() {
        return new AnswerAttempt(Optional.empty(), true);
    }

    public static AnswerAttempt failed() {
        return new AnswerAttempt(Optional.empty(), false);
    }
}
