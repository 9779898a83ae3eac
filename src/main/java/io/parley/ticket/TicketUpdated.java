package io.parley.ticket;

import java.util.UUID;

/**
 * Something agents see on a ticket changed (status, assignee, summary, rating, contact, a note): the console
 * refreshes it.
 *
 * @param what the timeline type of the change
 */
public record TicketUpdated(UUID ticketId, UUID conversationId, String what) {
}
