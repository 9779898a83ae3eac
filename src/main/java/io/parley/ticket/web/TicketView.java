package io.parley.ticket.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import io.parley.ticket.Ticket;
import io.parley.ticket.TicketStatus;

/** A ticket in API responses, with its requester and assignee resolved to names. */
record TicketView(UUID id, long number, UUID conversationId, String subject, TicketStatus status, String priority,
        List<String> tags, String reason, Requester requester, Person assignee, String summary, String summarySource,
        List<io.parley.handoff.TicketDirectory.BotSource> botSources, String contactEmail, Rating rating, Instant createdAt, Instant updatedAt,
        long version) {

    record Requester(UUID id, String name, String email) {
    }

    record Person(UUID id, String name) {
    }

    record Rating(int score, String comment, Instant at) {
    }

    static TicketView of(Ticket t, Customers customers, StaffAccounts staff) {
        Customer customer = customers.findById(t.customerId()).orElse(null);
        Person assignee = t.assigneeId() == null ? null
                : new Person(t.assigneeId(), staff.findById(t.assigneeId()).map(StaffMember::name).orElse(null));
        return new TicketView(t.id(), t.number(), t.conversationId(), t.subject(), t.status(), t.priority(), t.tags(),
                t.reason(), new Requester(t.customerId(), customer == null ? null : customer.name(),
                        customer == null ? null : customer.email()),
                assignee, t.summary(), t.summarySource(), t.botSources(), t.contactEmail(),
                t.rating() == null ? null : new Rating(t.rating(), t.ratingComment(), t.ratedAt()), t.createdAt(), t.updatedAt(),
                t.version());
    }
}
