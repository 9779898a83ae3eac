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
}
