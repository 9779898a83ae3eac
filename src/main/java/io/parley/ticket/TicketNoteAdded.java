package io.parley.ticket;

/** A private note was added to a ticket. */
public record TicketNoteAdded(TicketNote note) {
}
