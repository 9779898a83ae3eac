package io.parley.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.handoff.TicketDirectory;

/**
 * A ticket opened by a handoff, with the context an agent needs.
 *
 * @param number human-readable, e.g. 1042
 * @param summarySource {@code llm} when a language model wrote the summary, {@code built} when it was assembled from
 *     the transcript
 * @param botSources the articles the bot showed before handing off: {@code {articleId, slug, title, url}}
 * @param version raised by every write; an edit based on an older version is refused (optimistic locking)
 */
public record Ticket(UUID id, long number, UUID conversationId, UUID customerId, String subject, TicketStatus status,
        String priority, List<String> tags, String reason, UUID assigneeId, String summary, String summarySource,
        List<TicketDirectory.BotSource> botSources, String contactEmail, Integer rating, String ratingComment,
        Instant ratedAt, Instant createdAt, Instant updatedAt, long version) {

    public Ticket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        botSources = botSources == null ? List.of() : List.copyOf(botSources);
    }

    Ticket withStatus(TicketStatus to) {
        return new Ticket(id, number, conversationId, customerId, subject, to, priority, tags, reason, assigneeId, summary,
                summarySource, botSources, contactEmail, rating, ratingComment, ratedAt, createdAt, updatedAt, version);
    }

    Ticket withAssignee(UUID assignee) {
        return new Ticket(id, number, conversationId, customerId, subject, status, priority, tags, reason, assignee, summary,
                summarySource, botSources, contactEmail, rating, ratingComment, ratedAt, createdAt, updatedAt, version);
    }

    Ticket withSummary(String text, String source) {
        return new Ticket(id, number, conversationId, customerId, subject, status, priority, tags, reason, assigneeId, text,
                source, botSources, contactEmail, rating, ratingComment, ratedAt, createdAt, updatedAt, version);
    }

    Ticket withRating(int score, String comment, Instant at) {
        return new Ticket(id, number, conversationId, customerId, subject, status, priority, tags, reason, assigneeId, summary,
                summarySource, botSources, contactEmail, score, comment, at, createdAt, updatedAt, version);
    }

    Ticket withContact(String email) {
        return new Ticket(id, number, conversationId, customerId, subject, status, priority, tags, reason, assigneeId, summary,
                summarySource, botSources, email, rating, ratingComment, ratedAt, createdAt, updatedAt, version);
    }

    Ticket edited(String newSubject, String newPriority, List<String> newTags) {
        return new Ticket(id, number, conversationId, customerId, newSubject, status, newPriority, newTags, reason, assigneeId,
                summary, summarySource, botSources, contactEmail, rating, ratingComment, ratedAt, createdAt, updatedAt, version);
    }
}
