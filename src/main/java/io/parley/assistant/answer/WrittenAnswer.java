package io.parley.assistant.answer;

import java.util.List;

/**
 * An answer ready to send.
 *
 * @param text the answer (Markdown allowed)
 * @param citedSourceIds the {@link AnswerRequest.Source#id() ids} of the sources it relies on, never empty
 * @param writer which writer produced it: {@code extractive} or {@code llm}
 */
public record WrittenAnswer(String text, List<String> citedSourceIds, String writer) {

    public WrittenAnswer {
        citedSourceIds = List.copyOf(citedSourceIds);
        if (citedSourceIds.isEmpty()) {
            throw new IllegalArgumentException("an answer must cite at least one source");
        }
    }
}
