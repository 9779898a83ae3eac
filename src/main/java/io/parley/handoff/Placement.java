package io.parley.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.parley.agent.AgentStatus;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.Conversation;
import io.parley.chat.ConversationOwnership;
import io.parley.chat.ConversationState;
import io.parley.chat.ConversationStateChanged;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.chat.PostMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.mail.MailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handoff's side of each ownership change chat makes: the queue (team, business hours, routing, the wait), its
 * history, and what the customer is told. It follows {@link ConversationStateChanged} synchronously, in the
 * transaction and under the conversation lock of the change, so the queue entry commits with the change or not at
 * all; who owns the conversation is never written here, only asked of chat's {@link ConversationOwnership}.
 */
@Component
class Placement {

    private final HandoffRepository repository;
    private final ConversationOwnership ownership;
    private final Conversations conversations;
    private final Teams teams;
    private final Routing routing;
    private final StaffAccounts staff;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // Spring Boot creates a MailSender only with an SMTP server (spring.mail.host): only then is email promised
    private final ObjectProvider<MailSender> mailSenders;

    Placement(HandoffRepository repository, ConversationOwnership ownership, Conversations conversations, Teams teams,
            Routing routing, StaffAccounts staff, HandoffProperties properties, ApplicationEventPublisher events,
            Clock clock, ObjectProvider<MailSender> mailSenders) {
        this.repository = repository;
        this.ownership = ownership;
        this.conversations = conversations;
        this.teams = teams;
        this.routing = routing;
        this.staff = staff;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.mailSenders = mailSenders;
    }

    /**
     * Every change is written to the history; a change to the queue (the bot handed over, an agent took it from the
     * bot, a transfer to the queue, a reopening, an agent gone away) is placed: team, hours, routing, notice. Runs
     * after the ticket's history listener, so the ticket records the queueing before the routing that follows it.
     */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    @Transactional
    void on(ConversationStateChanged event) {
        repository.recordTransition(event);
        if (event.to() == ConversationState.QUEUED) {
            place(event);
        }
        else if (event.to() == ConversationState.ASSIGNED) {
            joined(event);
        }
    }

    /** The queue entry and the customer follow an assignment, after everyone saw it (routing happens mid-placement). */
    private void joined(ConversationStateChanged event) {
        Handoff current = repository.lock(event.conversationId()).orElse(Handoff.withBot(event.conversationId(), clock.instant()));
        repository.save(current.assign(event.assignee(), clock.instant()));
        String name = name(event.assignee());
        notify(event.conversationId(), CustomerNotices.text(event.locale(), CustomerNotices.Key.ASSIGNED, Map.of("agent", name)),
                new MessageContent.AgentJoined(name));
    }

    /** A customer message: a resolved conversation reopens (to the bot, or the queue). */
    @EventListener
    @Transactional
    void on(MessagePosted event) {
        if (event.message().author().type() != AuthorType.CUSTOMER) {
            return;
        }
        // chat's post holds the conversation's lock, so the state read here cannot change underneath
        Optional<Handoff> current = repository.find(event.conversationId());
        if (current.isEmpty() || current.get().state() != ConversationState.RESOLVED) {
            return;
        }
        if (properties.reopenTo() == HandoffProperties.ReopenTo.QUEUE) {
            ownership.queue(event.conversationId(), "customer_returned", event.message().text(), null);
        }
        else {
            // synchronously, inside the message's transaction: the bot's after-commit listener must see BOT
            backToBot(conversations.get(event.conversationId()), current.get(), "customer_returned", null);
        }
    }

    /** "Yes, that answered it": a bot resolution (the bot keeps the conversation, so chat's state does not move). */
    @EventListener
    @Transactional
    void on(AnswerFeedbackGiven event) {
        if (!event.helpful()) {
            return;
        }
        Conversation conversation = conversations.lock(event.conversationId());
        if (!conversation.botResponds()) {
            return;
        }
        Handoff current = repository.lock(event.conversationId()).orElse(Handoff.withBot(event.conversationId(), clock.instant()));
        Handoff resolved = current.resolvedByTheBot(clock.instant());
        repository.save(resolved);
        events.publishEvent(new ConversationResolved(conversation.id(), conversation.customerId(), true, null, resolved.resolvedAt()));
    }

    private void place(ConversationStateChanged event) {
        Instant now = clock.instant();
        UUID id = event.conversationId();
        Handoff current = repository.lock(id).orElse(Handoff.withBot(id, now));
        boolean fresh = event.handedOff();
        // a transfer keeps its team (the transfer may have set a new one); a new hand-off is routed by locale and reason
        Optional<Team> team = !fresh && current.teamId() != null ? teams.find(current.teamId())
                : teams.teamFor(event.locale(), Set.of(event.reason()));
        boolean open = team.map(t -> t.isOpen(now)).orElse(true);
        Handoff queued = current.queue(fresh, event.reason(), event.question(), team.map(Team::id).orElse(null), !open, now);
        repository.save(queued);
        if (fresh) {
            events.publishEvent(new ConversationHandedOff(id, event.customerId(), event.locale(), queued.reason(),
                    queued.question(), !open, now));
        }
        // an agent taking it from the bot assigns it to themselves right after; routing it elsewhere would race them
        boolean route = !"agent_initiated".equals(event.reason());
        if (route && open && properties.autoAssign()) {
            Optional<AgentStatus> agent = routing.pick(team, event.previousAssignee());
            if (agent.isPresent()) {
                assign(id, event.locale(), queued, agent.get().staffId(), "routed", event.actorId());
                return;
            }
        }
        if (open) {
            Duration wait = expectedWait().orElse(null);
            int position = repository.position(queued);
            notify(id, CustomerNotices.queued(event.locale(), position, wait),
                    new MessageContent.Queued(position, wait == null ? null : wait.toSeconds()));
        }
        else {
            Instant backAt = team.get().nextOpening(now).orElse(null);
            notify(id, CustomerNotices.outOfHours(event.locale(), backAt, team.get().zone(), sendsEmail()),
                    new MessageContent.OutOfHours(backAt, team.get().zone().getId(), repository.position(queued)));
        }
    }

    /**
     * To an agent (claimed, routed, transferred): chat changes the owner; the queue entry and the customer's notice
     * follow its event ({@link #joined}).
     */
    Handoff assign(UUID conversationId, String locale, Handoff current, UUID agent, String reason, UUID actor) {
        ownership.assign(conversationId, agent, reason, actor);
        // saved by joined(), unless this assignment is routed mid-placement and its event still to come
        return repository.find(conversationId).orElse(current.assign(agent, clock.instant()));
    }

    Handoff backToBot(Conversation conversation, Handoff current, String reason, UUID actor) {
        ownership.returnToBot(conversation.id(), reason, actor);
        Handoff back = current.returnToBot(clock.instant());
        repository.save(back);
        notify(conversation.id(), CustomerNotices.text(conversation.locale(), CustomerNotices.Key.RETURNED_TO_BOT, Map.of()),
                new MessageContent.ReturnedToBot());
        return back;
    }

    void notify(UUID conversationId, String text, MessageContent payload) {
        conversations.post(new PostMessage(conversationId, Author.system(), text, payload, null));
    }

    /** Median first-response time of the window, empty without history ("a few minutes"). */
    Optional<Duration> expectedWait() {
        return repository.medianFirstResponse(clock.instant().minus(properties.expectedWaitWindow()));
    }

    boolean sendsEmail() {
        return mailSenders.getIfAvailable() != null;
    }

    String name(UUID agentId) {
        return staff.findById(agentId).map(StaffMember::name).orElse("another agent");
    }
}
