package io.parley.assistant;

import java.util.List;
import java.util.Optional;

import io.parley.assistant.answer.AnswerRequest;
import io.parley.assistant.llm.ConversationSummarizer;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;

import org.springframework.stereotype.Service;

/**
 * The assistant's API for a language-model summary of a conversation (the ticket module asks for one when a
 * conversation is handed to people). Callers hand in the transcript as chat stores it; how it becomes a prompt, and
 * which model writes it, stays inside the assistant.
 */
@Service
public class ConversationSummaries {

    private final ConversationSummarizer summarizer;

    ConversationSummaries(ConversationSummarizer summarizer) {
        this.summarizer = summarizer;
    }

    /** Whether a model is configured; without one {@link #summarize} is always empty. */
    public boolean enabled() {
        return summarizer.enabled();
    }

    /**
     * @param transcript the conversation's messages, oldest first (system notices are left out)
     * @param locale the language to write in
     * @return 2–4 sentences for the agent, or empty (no model, a failure, a timeout); never throws
     */
    public Optional<String> summarize(List<ChatMessage> transcript, String locale) {
        List<AnswerRequest.Turn> turns = transcript.stream().filter(m -> m.author().type() != AuthorType.SYSTEM)
                .map(m -> new AnswerRequest.Turn(m.author().type().json(), m.text())).toList();
        return summarizer.summarize(turns, locale);
    }
}
