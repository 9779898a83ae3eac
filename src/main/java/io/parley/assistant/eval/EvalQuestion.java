package io.parley.assistant.eval;

import java.util.List;

/**
 * One labelled question: {@code expected} holds the slugs of the articles that answer it; empty means the knowledge
 * base does not answer it and the bot should hand off.
 */
public record EvalQuestion(String id, String question, String locale, List<String> expected) {

    public EvalQuestion {
        expected = expected == null ? List.of() : List.copyOf(expected);
    }

    public boolean answerable() {
        return !expected.isEmpty();
    }
}
