package io.parley.ticket;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.handoff.TicketDirectory;

import org.springframework.stereotype.Component;

/** Lets the handoff module show each conversation's ticket without depending on this module. */
@Component
class TicketDirectoryAdapter implements TicketDirectory {

    private final Tickets tickets;

    TicketDirectoryAdapter(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Optional<TicketBrief> forConversation(UUID conversationId) {
        return tickets.forConversation(conversationId).map(TicketDirectoryAdapter::brief);
    }

    @Override
    public Map<UUID, TicketBrief> forConversations(Collection<UUID> conversationIds) {
        return tickets.forConversations(conversationIds).stream()
                .collect(Collectors.toMap(Ticket::conversationId, TicketDirectoryAdapter::brief));
    }

    private static TicketBrief brief(Ticket t) {
        return new TicketBrief(t.id(), t.number(), t.subject(), t.status().json(), t.priority(), t.tags(), t.summary(),
                t.summarySource(), t.botSources());
    }
}
