package io.parley.ticket;

import java.time.Instant;
import java.util.UUID;

/** A ticket moved between statuses (solved on resolve, reopened when the customer writes again, ...). */
public record TicketStatusChanged(UUID ticketId, long number, UUID conversationId, TicketStatus from,
        TicketStatus to, Instant at) {
}
