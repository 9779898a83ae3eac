package io.parley.ticket.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.parley.agent.StaffAccounts;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.customer.Customers;
import io.parley.ticket.TicketEvent;
import io.parley.ticket.TicketFilter;
import io.parley.ticket.TicketNote;
import io.parley.ticket.TicketStatus;
import io.parley.ticket.Tickets;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tickets for agents: filtered lists, one ticket, edits, the timeline and private notes. */
@RestController
class TicketController {

    private static final int MAX_PAGE = 100;
    private static final long MAX_OFFSET = 1_000_000;

    private final Tickets tickets;
    private final Customers customers;
    private final StaffAccounts staff;

    TicketController(Tickets tickets, Customers customers, StaffAccounts staff) {
        this.tickets = tickets;
        this.customers = customers;
        this.staff = staff;
    }

    @GetMapping("/api/tickets")
    TicketPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String tag,
            @RequestParam(required = false) UUID customerId, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @AuthenticationPrincipal ParleyPrincipal me) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE));
        // page * size is the SQL offset: refuse a page whose offset would overflow instead of failing in the query
        if (page < 0 || (long) page * pageSize > MAX_OFFSET) {
            throw InvalidInput.field("page", "must be between 0 and " + MAX_OFFSET / pageSize);
        }
        UUID assigneeId = null;
        boolean unassigned = false;
        if ("me".equals(assignee)) {
            assigneeId = UUID.fromString(me.id());
        }
        else if ("none".equals(assignee)) {
            unassigned = true;
        }
        else if (assignee != null && !assignee.isBlank()) {
            assigneeId = uuid("assignee", assignee);
        }
        TicketFilter filter = new TicketFilter(status(status), assigneeId, unassigned, blank(priority), blank(tag), customerId, blank(q));
        List<TicketView> items = tickets.search(filter, page, pageSize).stream().map(t -> TicketView.of(t, customers, staff)).toList();
        return new TicketPage(items, Math.max(0, page), pageSize, tickets.count(filter));
    }

    record TicketPage(List<TicketView> items, int page, int size, long total) {
    }

    @GetMapping("/api/tickets/{idOrNumber}")
    TicketView get(@PathVariable String idOrNumber) {
        return TicketView.of(tickets.get(idOrNumber), customers, staff);
    }

    @PatchMapping("/api/tickets/{idOrNumber}")
    TicketView update(@PathVariable String idOrNumber, @RequestBody Patch patch,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal ParleyPrincipal me) {
        UUID id = tickets.get(idOrNumber).id();
        Long expected = patch.version() != null ? patch.version() : version(ifMatch);
        return TicketView.of(tickets.update(id, me, status(patch.status()), patch.priority(), patch.tags(), patch.subject(),
                expected), customers, staff);
    }

    // If-Match: "3" (or W/"3", or 3): the ticket version the edit is based on
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String digits = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(digits);
        }
        catch (NumberFormatException e) {
            throw InvalidInput.field("If-Match", "must be the ticket's version, e.g. \"3\"");
        }
    }

    @GetMapping("/api/tickets/{idOrNumber}/timeline")
    List<TicketEvent> timeline(@PathVariable String idOrNumber) {
        return tickets.timeline(tickets.get(idOrNumber).id());
    }

    @GetMapping("/api/tickets/{idOrNumber}/notes")
    List<TicketNote> notes(@PathVariable String idOrNumber) {
        return tickets.notes(tickets.get(idOrNumber).id());
    }

    @PostMapping("/api/tickets/{idOrNumber}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    TicketNote addNote(@PathVariable String idOrNumber, @RequestBody NoteBody body, @AuthenticationPrincipal ParleyPrincipal me) {
        return tickets.addNote(tickets.get(idOrNumber).id(), me, body.text());
    }

    /** The REST twin of the STOMP {@code note} command: a private note on the conversation's ticket. */
    @PostMapping("/api/agent/conversations/{conversationId}/note")
    @ResponseStatus(HttpStatus.CREATED)
    TicketNote noteOnConversation(@PathVariable UUID conversationId, @RequestBody NoteBody body,
            @AuthenticationPrincipal ParleyPrincipal me) {
        return tickets.addNoteToConversation(conversationId, me, body.text());
    }

    /** @param version the ticket version the edit is based on (optional; or the If-Match header) */
    record Patch(String status, String priority, List<String> tags, String subject, Long version) {
    }

    record NoteBody(String text) {
    }

    private static TicketStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TicketStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw InvalidInput.field("status", "must be open, pending, solved or closed");
        }
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value.trim());
        }
        catch (IllegalArgumentException e) {
            throw InvalidInput.field(field, "must be an id, me or none");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
