package io.parley.ticket;

import java.time.Instant;
import java.util.UUID;

/** A private note on a ticket: staff only, never shown to the customer. */
public record TicketNote(UUID id, UUID ticketId, UUID conversationId, UUID authorId, String authorName, String text,
        Instant createdAt) {
}
