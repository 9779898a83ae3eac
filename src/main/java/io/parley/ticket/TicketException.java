package io.parley.ticket;

import io.parley.core.ParleyException;

/** Errors of the ticket module, each with a stable code. */
public class TicketException extends ParleyException {

    TicketException(int status, String code, String message) {
        super(status, code, message);
    }

    static TicketException notFound(Object id) {
        return new TicketException(404, "ticket_not_found", "Unknown ticket " + id);
    }

    static TicketException versionConflict(Object id, long expected, long current) {
        return new TicketException(409, "ticket_version_conflict", "Ticket " + id + " was changed by someone else "
                + "(version " + current + ", your edit was based on " + expected + "); reload it and try again");
    }
}
