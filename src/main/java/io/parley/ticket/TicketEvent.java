package io.parley.ticket;

import java.time.Instant;

/**
 * One entry of a ticket's timeline.
 *
 * @param type created, status_changed, assigned, unassigned, ownership, note, rated, contact, summary, updated
 */
public record TicketEvent(String type, Instant at, String actorId, String actorName, TicketEventData data) {
}
