package io.parley.assistant.answer;

import java.util.List;

/**
 * What an answer is written from.
 *
 * @param question the customer's question (already resolved against the conversation when it was a follow-up)
 * @param history earlier turns of the conversation, oldest first, for tone and context (never a source of facts)
 * @param sources the retrieved passages, best first; the only material an answer may state facts from
 * @param locale the language to answer in (e.g. {@code en}, {@code tr}, {@code fa})
 * @param customerName the customer's name to address them by, or null
 */
public record AnswerRequest(String question, List<Turn> history, List<Source> sources, String locale,
        String customerName) {

    public AnswerRequest {
        history = List.copyOf(history);
        sources = List.copyOf(sources);
    }

    /** @param role {@code customer}, {@code bot} or {@code agent} */
    public record Turn(String role, String text) {
    }

    /**
     * One retrieved passage.
     *
     * @param id the citation key given to the writer, e.g. {@code S1}
     */
    public record Source(String id, String articleId, String slug, String title, String url, String section,
            String text) {
    }
}
