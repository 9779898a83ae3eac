package io.parley.handoff;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who owns a conversation. BOT → QUEUED → ASSIGNED → RESOLVED, plus ASSIGNED → BOT (return to bot),
 * ASSIGNED → QUEUED (unassign, transfer to the queue) and RESOLVED → BOT or QUEUED when the customer writes again.
 */
public enum HandoffState {
    BOT, QUEUED, ASSIGNED, RESOLVED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
