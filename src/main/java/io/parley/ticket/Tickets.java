package io.parley.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.parley.chat.ConversationState;
import io.parley.chat.ConversationStateChanged;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.assistant.ConversationSummaries;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.customer.VisitorIdentified;
import io.parley.handoff.ContactGiven;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.StringUtils;

/**
 * Tickets: opened when a conversation is handed off (in the handoff's transaction, so an agent never sees a queued
 * conversation without its ticket), then kept in step with the conversation's ownership.
 */
@Service
public class Tickets {

    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final int MAX_SUBJECT = 200;
    static final int MAX_NOTE = 8000;
    static final int MAX_TAGS = 20;

    private static final Logger log = LoggerFactory.getLogger(Tickets.class);

    private final TicketRepository repository;
    private final Conversations conversations;
    private final StaffAccounts staff;
    private final ConversationSummaries summarizer;
    private final TicketProperties properties;
    private final ApplicationEventPublisher events;
    private final Executor executor;
    private final Clock clock;

    Tickets(TicketRepository repository, Conversations conversations, StaffAccounts staff,
            ConversationSummaries summarizer, TicketProperties properties, ApplicationEventPublisher events,
            @Qualifier("ticketExecutor") Executor executor, Clock clock) {
        this.repository = repository;
        this.conversations = conversations;
        this.staff = staff;
        this.summarizer = summarizer;
        this.properties = properties;
        this.events = events;
        this.executor = executor;
        this.clock = clock;
    }

    public Ticket get(UUID id) {
        return repository.find(id).orElseThrow(() -> TicketException.notFound(id));
    }

    /** By id, or by number ({@code 1042} or {@code #1042}). */
    public Ticket get(String idOrNumber) {
        String value = idOrNumber.trim().replaceFirst("^#", "");
        if (value.matches("\\d{1,18}")) {
            return repository.findByNumber(Long.parseLong(value)).orElseThrow(() -> TicketException.notFound(idOrNumber));
        }
        try {
            return get(UUID.fromString(value));
        }
        catch (IllegalArgumentException e) {
            throw TicketException.notFound(idOrNumber);
        }
    }

    public java.util.Optional<Ticket> forConversation(UUID conversationId) {
        return repository.findByConversation(conversationId);
    }

    public List<Ticket> forConversations(java.util.Collection<UUID> conversationIds) {
        return repository.findByConversations(conversationIds);
    }

    public List<Ticket> search(TicketFilter filter, int page, int size) {
        return repository.search(filter, Math.max(0, page) * size, size);
    }

    public long count(TicketFilter filter) {
        return repository.count(filter);
    }

    public List<TicketEvent> timeline(UUID ticketId) {
        return repository.events(get(ticketId).id());
    }

    public List<TicketNote> notes(UUID ticketId) {
        return repository.notes(get(ticketId));
    }

    /** A private note by a staff member, on the ticket of a conversation. */
    @Transactional
    public TicketNote addNote(UUID ticketId, ParleyPrincipal author, String text) {
        String note = text == null ? "" : text.strip();
        if (note.isEmpty() || note.length() > MAX_NOTE) {
            throw InvalidInput.field("text", "must be 1 to " + MAX_NOTE + " characters");
        }
        Ticket ticket = get(ticketId);
        Instant now = clock.instant();
        TicketNote added = repository.addNote(ticket, UUID.fromString(author.id()), author.displayName(), note, now);
        repository.addEvent(ticket.id(), "note", author.id(), author.displayName(), TicketEventData.note(added.id().toString(), note), now);
        events.publishEvent(new TicketNoteAdded(added));
        return added;
    }

    @Transactional
    public TicketNote addNoteToConversation(UUID conversationId, ParleyPrincipal author, String text) {
        Ticket ticket = repository.findByConversation(conversationId).orElseThrow(() -> new TicketException(404,
                "ticket_not_found", "Conversation " + conversationId + " has no ticket yet (it was never handed to people)"));
        return addNote(ticket.id(), author, text);
    }

    /** Agent edits; null fields stay as they are. */
    @Transactional
    public Ticket update(UUID ticketId, ParleyPrincipal actor, TicketStatus status, String priority, List<String> tags,
            String subject) {
        return update(ticketId, actor, status, priority, tags, subject, null);
    }

    /**
     * Agent edits based on {@code expectedVersion} (null: whatever is current). When someone else changed the ticket
     * since, nothing is applied and the answer is 409 {@code ticket_version_conflict}: the agent reloads and decides
     * again instead of silently overwriting a colleague's change.
     */
    @Transactional
    public Ticket update(UUID ticketId, ParleyPrincipal actor, TicketStatus status, String priority, List<String> tags,
            String subject, Long expectedVersion) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (priority != null && !PRIORITIES.contains(priority)) {
            problems.put("priority", "must be low, normal, high or urgent");
        }
        if (subject != null && (subject.isBlank() || subject.strip().length() > MAX_SUBJECT)) {
            problems.put("subject", "must be 1 to " + MAX_SUBJECT + " characters");
        }
        if (tags != null && (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> !StringUtils.hasText(t) || t.length() > 50))) {
            problems.put("tags", "at most " + MAX_TAGS + " tags of 1 to 50 characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        long current = repository.lockVersion(ticketId).orElseThrow(() -> TicketException.notFound(ticketId));
        if (expectedVersion != null && expectedVersion != current) {
            throw TicketException.versionConflict(ticketId, expectedVersion, current);
        }
        Ticket t = get(ticketId);
        Ticket updated = t.edited(subject != null ? subject.strip() : t.subject(), priority != null ? priority : t.priority(),
                tags != null ? tags.stream().map(String::strip).distinct().toList() : t.tags());
        Instant now = clock.instant();
        if (!updated.equals(t)) {
            repository.update(updated, now);
            TicketEventData changes = TicketEventData.updated(subject != null ? updated.subject() : null,
                    priority != null ? updated.priority() : null, tags != null ? updated.tags() : null);
            repository.addEvent(t.id(), "updated", actor.id(), actor.displayName(), changes, now);
        }
        if (status != null && status != t.status()) {
            changeStatus(get(ticketId), status, actor.id(), actor.displayName(), now);
        }
        events.publishEvent(new TicketUpdated(t.id(), t.conversationId(), "updated"));
        return get(ticketId);
    }

    /** Opens the ticket of a handoff, or reopens the conversation's earlier one. */
    @EventListener
    @Transactional
    void on(ConversationHandedOff event) {
        var existing = repository.lockByConversation(event.conversationId());
        if (existing.isPresent()) {
            Ticket t = existing.get();
            if (t.status() != TicketStatus.OPEN) {
                changeStatus(t, TicketStatus.OPEN, null, null, event.at());
            }
            repository.addEvent(t.id(), "handed_off", null, null, TicketEventData.handedOff(event.reason(), event.outOfHours()), event.at());
            return;
        }
        List<ChatMessage> transcript = conversations.recentMessages(event.conversationId(), properties.transcriptMessages());
        String subject = subject(event, transcript);
        String priority = properties.highPriorityReasons().contains(event.reason()) ? "high" : "normal";
        List<String> tags = event.reason() == null ? List.of() : List.of(event.reason());
        Ticket ticket = repository.insert(event.conversationId(), event.customerId(), subject, priority, tags, event.reason(),
                TicketSummaries.build(transcript, event.reason(), event.question()), TicketSummaries.sources(transcript), event.at());
        repository.addEvent(ticket.id(), "created", null, null,
                TicketEventData.created(event.reason(), event.outOfHours(), ticket.number()), event.at());
        events.publishEvent(new TicketCreated(ticket.id(), ticket.number(), ticket.conversationId(), ticket.customerId(),
                ticket.subject(), ticket.reason(), ticket.priority(), event.at()));
    }

    /** After the handoff committed: the language model's summary replaces the built one when it comes. */
    @TransactionalEventListener(fallbackExecution = true)
    void summarize(TicketCreated event) {
        if (!properties.llmSummary() || !summarizer.enabled()) {
            return;
        }
        executor.execute(() -> {
            try {
                summarizer.summarize(conversations.recentMessages(event.conversationId(), properties.transcriptMessages()),
                                properties.summaryLocale()).ifPresent(summary -> storeSummary(event.ticketId(), summary));
            }
            catch (RuntimeException e) {
                log.warn("Could not summarise ticket {}: {}", event.number(), e.toString());
            }
        });
    }

    void storeSummary(UUID ticketId, String summary) {
        Ticket t = get(ticketId);
        Instant now = clock.instant();
        repository.update(t.withSummary(summary, "llm"), now);
        repository.addEvent(t.id(), "summary", null, null, TicketEventData.summary("llm"), now);
        events.publishEvent(new TicketUpdated(t.id(), t.conversationId(), "summary"));
    }

    /**
     * Ownership moves the ticket: assignee, solved on resolve, reopened when the customer comes back. First among the
     * change's listeners, so the history reads queued before the routing the handoff module does in reply to it.
     */
    @EventListener
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    @Transactional
    void on(ConversationStateChanged event) {
        var found = repository.lockByConversation(event.conversationId());
        if (found.isEmpty()) {
            return;
        }
        Ticket t = found.get();
        String actorName = event.actorId() == null ? null : staff.findById(event.actorId()).map(StaffMember::name).orElse(null);
        String actorId = event.actorId() == null ? null : event.actorId().toString();
        UUID assignee = event.to() == ConversationState.ASSIGNED ? event.assignee() : t.assigneeId();
        if (event.to() == ConversationState.QUEUED || event.to() == ConversationState.BOT) {
            assignee = null;
        }
        repository.addEvent(t.id(), "ownership", actorId, actorName, TicketEventData.ownership(event.from().json(),
                event.to().json(), event.reason(), event.assignee() == null ? null : event.assignee().toString()), event.at());
        if (!java.util.Objects.equals(assignee, t.assigneeId())) {
            t = t.withAssignee(assignee);
            repository.update(t, event.at());
        }
        if (event.to() == ConversationState.RESOLVED && t.status() != TicketStatus.SOLVED && t.status() != TicketStatus.CLOSED) {
            changeStatus(t, TicketStatus.SOLVED, actorId, actorName, event.at());
        }
        else if (event.from() == ConversationState.RESOLVED && t.status() != TicketStatus.OPEN) {
            // the customer wrote again after the resolution (back to the bot or the queue): the ticket is open again
            changeStatus(t, TicketStatus.OPEN, null, null, event.at());
        }
        events.publishEvent(new TicketUpdated(t.id(), t.conversationId(), "ownership"));
    }

    @EventListener
    @Transactional
    void on(ConversationRated event) {
        repository.lockByConversation(event.conversationId()).ifPresent(t -> {
            repository.update(t.withRating(event.score(), event.comment(), event.at()), event.at());
            repository.addEvent(t.id(), "rated", null, null, TicketEventData.rated(event.score(), event.comment()), event.at());
            events.publishEvent(new TicketUpdated(t.id(), t.conversationId(), "rated"));
        });
    }

    @EventListener
    @Transactional
    void on(ContactGiven event) {
        repository.lockByConversation(event.conversationId()).ifPresent(t -> {
            repository.update(t.withContact(event.email()), event.at());
            repository.addEvent(t.id(), "contact", null, null, TicketEventData.contact(event.email()), event.at());
            events.publishEvent(new TicketUpdated(t.id(), t.conversationId(), "contact"));
        });
    }

    @EventListener
    void on(VisitorIdentified event) {
        repository.reassignCustomer(event.anonymousCustomerId(), event.customerId());
    }

    private void changeStatus(Ticket t, TicketStatus to, String actorId, String actorName, Instant at) {
        TicketStatus from = t.status();
        repository.update(t.withStatus(to), at);
        repository.addEvent(t.id(), "status_changed", actorId, actorName, TicketEventData.statusChanged(from.json(), to.json()), at);
        events.publishEvent(new TicketStatusChanged(t.id(), t.number(), t.conversationId(), from, to, at));
    }

    private static String subject(ConversationHandedOff event, List<ChatMessage> transcript) {
        String text = StringUtils.hasText(event.question()) ? event.question()
                : transcript.stream().filter(m -> m.author().type() == AuthorType.CUSTOMER).reduce((a, b) -> b)
                        .map(ChatMessage::text).orElse("Conversation handed over (" + event.reason() + ")");
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_SUBJECT ? flat.substring(0, MAX_SUBJECT - 1) + "…" : flat;
    }

}
