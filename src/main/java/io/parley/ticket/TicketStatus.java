package io.parley.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a ticket stands for the team. */
public enum TicketStatus {
    OPEN, PENDING, SOLVED, CLOSED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
