package io.parley.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * A handoff opened a ticket.
 *
 * @param number the human-readable number agents quote, e.g. 1042
 */
public record TicketCreated(UUID ticketId, long number, UUID conversationId, UUID customerId, String subject,
        String reason, String priority, Instant at) {
}
