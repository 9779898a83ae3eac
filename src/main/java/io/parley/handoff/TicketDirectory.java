package io.parley.handoff;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;
import java.util.UUID;

/**
 * The tickets of handed-off conversations, as the agent views of this module show them. Implemented by the ticket
 * module (which depends on this one), so handoff can show tickets without depending on it.
 */
public interface TicketDirectory {

    Optional<TicketBrief> forConversation(UUID conversationId);

    Map<UUID, TicketBrief> forConversations(Collection<UUID> conversationIds);

    /**
     * A ticket as shown next to its conversation.
     *
     * @param summarySource {@code llm} or {@code built}
     * @param botSources the articles the bot showed
     */
    record TicketBrief(UUID id, long number, String subject, String status, String priority, List<String> tags,
            String summary, String summarySource, List<BotSource> botSources) {
    }

    /** An article the bot cited or offered before the hand-off. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotSource(String articleId, String slug, String locale, String title, String url) {
    }
}
