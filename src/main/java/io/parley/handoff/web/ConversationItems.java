package io.parley.handoff.web;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.parley.chat.ConversationState;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.ConversationSummary;
import io.parley.chat.Conversations;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import io.parley.handoff.Handoff;
import io.parley.handoff.Handoffs;
import io.parley.handoff.OwnershipChanged;
import io.parley.handoff.Team;
import io.parley.handoff.Teams;
import io.parley.handoff.TicketDirectory;
import io.parley.handoff.TicketDirectory.TicketBrief;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Builds what the agent console shows of a conversation: the item of lists and events, and the detail view. */
@Component
class ConversationItems {

    private static final int UNREAD_SCAN = 100;

    private final Handoffs handoffs;
    private final Conversations conversations;
    private final Customers customers;
    private final StaffAccounts staff;
    private final Teams teams;
    private final ObjectProvider<TicketDirectory> tickets;
    private final Viewers viewers;

    ConversationItems(Handoffs handoffs, Conversations conversations, Customers customers, StaffAccounts staff,
            Teams teams, ObjectProvider<TicketDirectory> tickets, Viewers viewers) {
        this.handoffs = handoffs;
        this.conversations = conversations;
        this.customers = customers;
        this.staff = staff;
        this.teams = teams;
        this.tickets = tickets;
        this.viewers = viewers;
    }

    Item item(UUID conversationId) {
        Handoff handoff = handoffs.find(conversationId).orElse(null);
        Optional<TicketBrief> ticket = Optional.ofNullable(tickets.getIfAvailable()).flatMap(t -> t.forConversation(conversationId));
        return item(conversations.get(conversationId), handoff, ticket.orElse(null), teamNames());
    }

    List<Item> items(Collection<Handoff> handoffList) {
        List<UUID> ids = handoffList.stream().map(Handoff::conversationId).toList();
        Map<UUID, TicketBrief> briefs = Optional.ofNullable(tickets.getIfAvailable()).map(t -> t.forConversations(ids)).orElse(Map.of());
        Map<UUID, String> teamNames = teamNames();
        return handoffList.stream().map(h -> item(conversations.get(h.conversationId()), h, briefs.get(h.conversationId()), teamNames)).toList();
    }

    Detail detail(UUID conversationId) {
        Item item = item(conversationId);
        Optional<TicketBrief> ticket = Optional.ofNullable(tickets.getIfAvailable()).flatMap(t -> t.forConversation(conversationId));
        List<ConversationSummary> others = conversations.listFor(item.customer().id()).stream()
                .filter(c -> !c.id().equals(conversationId)).limit(20).toList();
        Map<UUID, Handoff> otherHandoffs = handoffs.findAll(others.stream().map(ConversationSummary::id).toList());
        Map<UUID, TicketBrief> otherTickets = Optional.ofNullable(tickets.getIfAvailable())
                .map(t -> t.forConversations(others.stream().map(ConversationSummary::id).toList())).orElse(Map.of());
        List<Earlier> earlier = others.stream().map(c -> new Earlier(c.id(), c.subject(), c.createdAt(), c.lastMessageAt(), c.lastSeq(),
                Optional.ofNullable(otherHandoffs.get(c.id())).map(Handoff::state).orElse(null),
                Optional.ofNullable(otherTickets.get(c.id())).map(TicketBrief::number).orElse(null))).toList();
        Context context = new Context(ticket.map(TicketBrief::summary).orElse(null), ticket.map(TicketBrief::summarySource).orElse(null),
                ticket.map(TicketBrief::botSources).orElse(List.of()), earlier);
        List<TransitionView> transitions = item.state() == null ? List.of()
                : handoffs.transitions(conversationId).stream().map(this::transition).toList();
        return new Detail(item, context, transitions, viewers.of(conversationId));
    }

    private Item item(Conversation c, Handoff h, TicketBrief ticket, Map<UUID, String> teamNames) {
        Customer customer = customers.findById(c.customerId()).orElse(null);
        CustomerView customerView = customer == null ? new CustomerView(c.customerId(), null, null, null, false, null, List.of(), io.parley.customer.CustomerAttributes.NONE)
                : new CustomerView(customer.id(), customer.name(), customer.email(), customer.locale(), customer.identified(),
                        customer.company(), customer.verifiedFields().stream().sorted().toList(), customer.attributes());
        List<ChatMessage> recent = conversations.recentMessages(c.id(), (int) Math.max(1, Math.min(UNREAD_SCAN, c.lastSeq() - c.agentReadSeq())));
        long unread = recent.stream().filter(m -> m.seq() > c.agentReadSeq() && m.author().type() == AuthorType.CUSTOMER).count();
        ChatMessage last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        if (h == null) {
            return new Item(c.id(), ConversationState.BOT, null, null, c.locale(), c.subject(), customerView, null, null, null, null,
                    null, c.lastMessageAt(), null, false, null, last, c.lastSeq(), unread, null, null);
        }
        return new Item(c.id(), h.state(), h.reason(), h.question(), c.locale(), c.subject(), customerView,
                person(h.agentId()), h.teamId() == null ? null : new TeamRef(h.teamId(), teamNames.get(h.teamId())),
                h.queuedAt(), h.assignedAt(), h.resolvedAt(), h.updatedAt(), handoffs.position(h), h.outOfHours(),
                h.contactEmail(), last, c.lastSeq(), unread,
                h.rating() == null ? null : new RatingView(h.rating().score(), h.rating().comment(), h.rating().at()),
                ticket == null ? null : new TicketRef(ticket.id(), ticket.number(), ticket.subject(), ticket.status(), ticket.priority(), ticket.tags()));
    }

    Person person(UUID staffId) {
        return staffId == null ? null : new Person(staffId, staff.findById(staffId).map(StaffMember::name).orElse(null));
    }

    private TransitionView transition(OwnershipChanged t) {
        Person actor = person(t.actorId());
        return new TransitionView(t.from(), t.to(), t.agentId(), t.actorId(), actor == null ? null : actor.name(), t.reason(), t.at());
    }

    private Map<UUID, String> teamNames() {
        return teams.list().stream().collect(java.util.stream.Collectors.toMap(Team::id, Team::name));
    }

    record Person(UUID id, String name) {
    }

    /**
     * @param identified the user id is proven by the host application (HMAC hash or signed JWT)
     * @param verified which of name, email, company the host application signed; the others are the browser's word
     * @param attributes the custom attributes of the customer's latest signed identity
     */
    record CustomerView(UUID id, String name, String email, String locale, boolean identified, String company,
            List<String> verified, io.parley.customer.CustomerAttributes attributes) {
    }

    record TeamRef(UUID id, String name) {
    }

    record RatingView(int score, String comment, Instant at) {
    }

    record TicketRef(UUID id, long number, String subject, String status, String priority, List<String> tags) {
    }

    record Item(UUID conversationId, ConversationState state, String reason, String question, String locale, String subject,
            CustomerView customer, Person agent, TeamRef team, Instant queuedAt, Instant assignedAt, Instant resolvedAt,
            Instant updatedAt, Integer position, boolean outOfHours, String contactEmail, ChatMessage lastMessage,
            long lastSeq, long unread, RatingView rating, TicketRef ticket) {
    }

    record Earlier(UUID id, String subject, Instant createdAt, Instant lastMessageAt, long lastSeq, ConversationState state,
            Long ticketNumber) {
    }

    record Context(String summary, String summarySource, List<io.parley.handoff.TicketDirectory.BotSource> botSources, List<Earlier> earlierConversations) {
    }

    record TransitionView(ConversationState from, ConversationState to, UUID agentId, UUID actorId, String actorName, String reason,
            Instant at) {
    }

    /** The item's fields at the top level plus context, transitions and viewers. */
    record Detail(@com.fasterxml.jackson.annotation.JsonUnwrapped Item item, Context context, List<TransitionView> transitions,
            List<Person> viewers) {
    }
}
