package io.parley.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.parley.agent.AgentPresence;
import io.parley.agent.AgentStatus;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.HumanRequested;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.chat.PostMessage;
import io.parley.chat.PostResult;
import io.parley.chat.Responder;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The handoff module's API: every ownership change of a conversation goes through here, under the conversation's
 * row lock (the lock chat takes for every message), so transitions, messages and the bot/human switch are ordered.
 * Each transition is stored, published as {@link OwnershipChanged} and told to the customer.
 */
@Service
public class Handoffs {

    static final int MAX_COMMENT = 2000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final HandoffRepository repository;
    private final Conversations conversations;
    private final Teams teams;
    private final Routing routing;
    private final AgentPresence presence;
    private final StaffAccounts staff;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    // Spring Boot creates a MailSender only with an SMTP server (spring.mail.host): only then is email promised
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.mail.MailSender> mailSenders;

    Handoffs(HandoffRepository repository, Conversations conversations, Teams teams, Routing routing,
            AgentPresence presence, StaffAccounts staff, HandoffProperties properties, ApplicationEventPublisher events,
            Clock clock, org.springframework.beans.factory.ObjectProvider<org.springframework.mail.MailSender> mailSenders) {
        this.mailSenders = mailSenders;
        this.repository = repository;
        this.conversations = conversations;
        this.teams = teams;
        this.routing = routing;
        this.presence = presence;
        this.staff = staff;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public Optional<Handoff> find(UUID conversationId) {
        return repository.find(conversationId);
    }

    public Handoff get(UUID conversationId) {
        return find(conversationId).orElseThrow(() -> HandoffException.notFound(conversationId));
    }

    public Map<UUID, Handoff> findAll(java.util.Collection<UUID> conversationIds) {
        return repository.findAll(conversationIds);
    }

    public List<Handoff> queue(int limit) {
        return repository.queued(limit);
    }

    public List<Handoff> assignedTo(UUID agentId, int limit) {
        return repository.assignedTo(agentId, limit);
    }

    public List<Handoff> all(HandoffState state, int limit) {
        return repository.all(state, limit);
    }

    public List<OwnershipChanged> transitions(UUID conversationId) {
        return repository.transitions(conversationId, conversations.get(conversationId).customerId());
    }

    /** 1-based place in the queue, null when not queued. */
    public Integer position(Handoff handoff) {
        return handoff.state() == HandoffState.QUEUED ? repository.position(handoff) : null;
    }

    public Map<UUID, Integer> load() {
        return repository.load();
    }

    /** Median first-response time of the window, empty without history ("a few minutes"). */
    public Optional<Duration> expectedWait() {
        return repository.medianFirstResponse(clock.instant().minus(properties.expectedWaitWindow()));
    }

    /** The bot (or the customer through it) asked for a person: queue it and route it, in chat's transaction. */
    @EventListener
    @Transactional
    void on(HumanRequested event) {
        Conversation conversation = conversations.lock(event.conversationId());
        Handoff current = repository.lock(event.conversationId()).orElse(Handoff.withBot(event.conversationId(), clock.instant()));
        if (current.state() != HandoffState.BOT && current.state() != HandoffState.RESOLVED) {
            return;
        }
        enqueue(conversation, current, event.reason(), event.question(), null, null, null, true);
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
        if (current.isEmpty() || current.get().state() != HandoffState.RESOLVED) {
            return;
        }
        Conversation conversation = conversations.lock(event.conversationId());
        if (properties.reopenTo() == HandoffProperties.ReopenTo.QUEUE) {
            enqueue(conversation, current.get(), "customer_returned", event.message().text(), null, null, null, true);
        }
        else {
            // synchronously, inside the message's transaction: the bot's after-commit listener must see BOT
            toBot(conversation, current.get(), "customer_returned", null);
        }
    }

    /** "Yes, that answered it": a bot resolution. */
    @EventListener
    @Transactional
    void on(AnswerFeedbackGiven event) {
        if (!event.helpful()) {
            return;
        }
        Conversation conversation = conversations.lock(event.conversationId());
        Handoff current = repository.lock(event.conversationId()).orElse(Handoff.withBot(event.conversationId(), clock.instant()));
        if (current.state() != HandoffState.BOT) {
            return;
        }
        Handoff resolved = current.resolvedByTheBot(clock.instant());
        repository.save(resolved);
        events.publishEvent(new ConversationResolved(conversation.id(), conversation.customerId(), true, null, resolved.resolvedAt()));
    }

    /**
     * An agent takes the conversation: from the queue (atomic: of two claims one wins, the other is refused with
     * {@code already_claimed}), or from the bot or a resolved state, which first queues it ({@code agent_initiated}).
     */
    @Transactional
    public Handoff claim(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = repository.lock(conversationId).orElse(Handoff.withBot(conversationId, clock.instant()));
        if (current.state() == HandoffState.ASSIGNED) {
            if (current.agentId().equals(me)) {
                return current;
            }
            throw HandoffException.alreadyClaimed(name(current.agentId()));
        }
        if (current.state() != HandoffState.QUEUED) {
            current = enqueue(conversation, current, "agent_initiated", null, me, null, null, false);
        }
        return assign(conversation, current, me, "claimed", me);
    }

    /** A reply by the assigned agent; anyone else is refused. */
    @Transactional
    public PostResult reply(UUID conversationId, ParleyPrincipal agent, String clientMessageId, String text) {
        UUID me = agentId(agent);
        conversations.lock(conversationId);
        Handoff current = requireMine(conversationId, me, false);
        PostResult result = conversations.post(new PostMessage(conversationId, Author.agent(agent.id(), agent.displayName()),
                text, null, clientMessageId));
        if (current.awaitingFirstResponse() && !result.duplicate()) {
            Instant now = clock.instant();
            repository.recordFirstResponse(conversationId, current.queuedAt(), now);
            repository.save(current.responded(now));
        }
        return result;
    }

    /** To another agent, or back to the queue (optionally of another team). Admins may transfer anyone's. */
    @Transactional
    public Handoff transfer(UUID conversationId, ParleyPrincipal actor, UUID toAgent, UUID toTeam) {
        UUID me = agentId(actor);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = requireMine(conversationId, me, actor.hasRole("ADMIN"));
        if (toAgent != null) {
            if (!presence.isAgent(toAgent)) {
                throw HandoffException.agentNotAvailable(toAgent);
            }
            return assign(conversation, current, toAgent, "transferred", me);
        }
        Team team = toTeam == null ? null : teams.get(toTeam);
        return enqueue(conversation, current, "transferred", null, me, current.agentId(), team, true);
    }

    @Transactional
    public Handoff resolve(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = requireMine(conversationId, me, false);
        Handoff resolved = transition(conversation, current, current.resolve(me, clock.instant()), "resolved", me);
        notify(conversation, CustomerNotices.text(conversation.locale(), CustomerNotices.Key.RESOLVED, Map.of()),
                new MessageContent.CsatRequest());
        events.publishEvent(new ConversationResolved(conversation.id(), conversation.customerId(), false, me, resolved.resolvedAt()));
        return resolved;
    }

    @Transactional
    public Handoff returnToBot(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        return toBot(conversation, requireMine(conversationId, me, false), "returned_to_bot", me);
    }

    /** The customer's rating (1–5) of a resolved conversation; a new one replaces the earlier. */
    @Transactional
    public Handoff rate(UUID conversationId, ParleyPrincipal customer, Integer score, String comment) {
        Map<String, String> problems = new HashMap<>();
        if (score == null || score < 1 || score > 5) {
            problems.put("score", "must be a whole number from 1 to 5");
        }
        if (comment != null && comment.strip().length() > MAX_COMMENT) {
            problems.put("comment", "must be at most " + MAX_COMMENT + " characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        conversations.requireAccess(customer, conversationId);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = repository.lock(conversationId)
                .orElseThrow(() -> new HandoffException(409, "rating_not_open", "This conversation can be rated once it is resolved"));
        String text = StringUtils.hasText(comment) ? comment.strip() : null;
        Handoff rated = current.rated(score, text, clock.instant());
        repository.save(rated);
        // keyed by the resolution, so rating it again replaces the rating instead of adding one
        events.publishEvent(new ConversationRated(conversationId, conversation.customerId(), score, text,
                current.resolvedByBot() ? null : current.resolvedBy(), rated.rating().at(),
                current.resolvedAt() == null ? rated.rating().at() : current.resolvedAt()));
        return rated;
    }

    /** Where to answer by email (asked for out of hours); stored with the handoff and the ticket. */
    @Transactional
    public Handoff contact(UUID conversationId, ParleyPrincipal customer, String email) {
        String address = email == null ? "" : email.trim();
        if (address.length() > 320 || !EMAIL.matcher(address).matches()) {
            throw InvalidInput.field("email", "must be a well-formed email address");
        }
        conversations.requireAccess(customer, conversationId);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = repository.lock(conversationId).filter(h -> h.queuedAt() != null)
                .orElseThrow(() -> new HandoffException(409, "contact_not_open",
                        "An email address is asked for once the conversation is handed to people"));
        Handoff updated = current.withContact(address, clock.instant());
        repository.save(updated);
        events.publishEvent(new ContactGiven(conversationId, conversation.customerId(), address, updated.updatedAt()));
        notify(conversation, CustomerNotices.text(conversation.locale(), sendsEmail() ? CustomerNotices.Key.CONTACT_SAVED
                : CustomerNotices.Key.CONTACT_SAVED_NO_EMAIL, Map.of("email", address)),
                new MessageContent.ContactSaved(address));
        return updated;
    }

    private boolean sendsEmail() {
        return mailSenders.getIfAvailable() != null;
    }

    /**
     * Gives queued conversations to agents who became free (came online, gained capacity, finished one): each in
     * its own transaction, oldest first, while their team is open.
     */
    public int routeWaiting(org.springframework.transaction.support.TransactionTemplate transactions) {
        if (!properties.autoAssign()) {
            return 0;
        }
        int routed = 0;
        // teams (null: conversations without one) that had no agent with room in this pass: later conversations of
        // theirs are skipped without locking them, and once nobody at all has room the pass ends
        Set<UUID> full = new java.util.HashSet<>();
        boolean nobodyFree = false;
        for (Handoff waiting : repository.queued(50)) {
            if (full.contains(waiting.teamId())) {
                continue;
            }
            Boolean assigned = transactions.execute(status -> {
                Conversation conversation = conversations.lock(waiting.conversationId());
                Handoff current = repository.lock(waiting.conversationId()).orElse(null);
                if (current == null || current.state() != HandoffState.QUEUED) {
                    return null;
                }
                Optional<Team> team = current.teamId() == null ? Optional.empty() : teams.find(current.teamId());
                if (team.isPresent() && !team.get().isOpen(clock.instant())) {
                    return null;
                }
                Optional<AgentStatus> agent = routing.pick(team, null);
                agent.ifPresent(a -> assign(conversation, current, a.staffId(), "routed", null));
                return agent.isPresent();
            });
            if (Boolean.TRUE.equals(assigned)) {
                routed++;
            }
            else if (Boolean.FALSE.equals(assigned)) {
                full.add(waiting.teamId());
                nobodyFree = waiting.teamId() == null;
            }
            if (nobodyFree) {
                break;
            }
        }
        return routed;
    }

    /**
     * The agent is gone (their presence lapsed): the conversations routed to them that still wait for their first
     * reply go back to the queue and to someone who is there; those they already answered stay theirs.
     *
     * @return how many were released
     */
    public int releaseUnanswered(UUID agentId, org.springframework.transaction.support.TransactionTemplate transactions) {
        int released = 0;
        for (Handoff assigned : repository.assignedTo(agentId, 500)) {
            if (!assigned.awaitingFirstResponse()) {
                continue;
            }
            Boolean done = transactions.execute(status -> {
                Conversation conversation = conversations.lock(assigned.conversationId());
                Handoff current = repository.lock(assigned.conversationId()).orElse(null);
                if (current == null || current.state() != HandoffState.ASSIGNED || !agentId.equals(current.agentId())
                        || !current.awaitingFirstResponse()) {
                    return false;
                }
                enqueue(conversation, current, "agent_away", null, null, agentId, null, true);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                released++;
            }
        }
        return released;
    }

    private Handoff enqueue(Conversation conversation, Handoff current, String reason, String question, UUID actor,
            UUID excluded, Team forcedTeam, boolean route) {
        Instant now = clock.instant();
        boolean fresh = current.state() == HandoffState.BOT || current.state() == HandoffState.RESOLVED;
        Optional<Team> team = forcedTeam != null ? Optional.of(forcedTeam)
                : current.state() == HandoffState.ASSIGNED && current.teamId() != null
                        ? teams.find(current.teamId())
                        : teams.teamFor(conversation.locale(), Set.of(reason));
        boolean open = team.map(t -> t.isOpen(now)).orElse(true);
        Handoff queued = transition(conversation, current,
                current.queue(reason, question, team.map(Team::id).orElse(null), !open, now), reason, actor);
        if (conversation.responder() != Responder.HUMAN) {
            conversations.changeResponder(conversation.id(), Responder.HUMAN);
        }
        if (fresh) {
            events.publishEvent(new ConversationHandedOff(conversation.id(), conversation.customerId(),
                    conversation.locale(), queued.reason(), queued.question(), !open, now));
        }
        if (route && open && properties.autoAssign()) {
            Optional<AgentStatus> agent = routing.pick(team, excluded);
            if (agent.isPresent()) {
                return assign(conversation, queued, agent.get().staffId(), "routed", actor);
            }
        }
        if (open) {
            Duration wait = expectedWait().orElse(null);
            int position = repository.position(queued);
            notify(conversation, CustomerNotices.queued(conversation.locale(), position, wait),
                    new MessageContent.Queued(position, wait == null ? null : wait.toSeconds()));
        }
        else {
            Instant backAt = team.get().nextOpening(now).orElse(null);
            notify(conversation, CustomerNotices.outOfHours(conversation.locale(), backAt, team.get().zone(), sendsEmail()),
                    new MessageContent.OutOfHours(backAt, team.get().zone().getId(), repository.position(queued)));
        }
        return queued;
    }

    private Handoff assign(Conversation conversation, Handoff current, UUID agent, String reason, UUID actor) {
        Handoff assigned = transition(conversation, current, current.assign(agent, clock.instant()), reason, actor);
        String name = name(agent);
        notify(conversation, CustomerNotices.text(conversation.locale(), CustomerNotices.Key.ASSIGNED, Map.of("agent", name)),
                new MessageContent.AgentJoined(name));
        return assigned;
    }

    private Handoff toBot(Conversation conversation, Handoff current, String reason, UUID actor) {
        Handoff back = transition(conversation, current, current.returnToBot(clock.instant()), reason, actor);
        conversations.changeResponder(conversation.id(), Responder.BOT);
        notify(conversation, CustomerNotices.text(conversation.locale(), CustomerNotices.Key.RETURNED_TO_BOT, Map.of()),
                new MessageContent.ReturnedToBot());
        return back;
    }

    private Handoff transition(Conversation conversation, Handoff before, Handoff after, String reason, UUID actor) {
        repository.save(after);
        if (before.state() == HandoffState.ASSIGNED && !before.agentId().equals(after.agentId())) {
            events.publishEvent(new AgentUnassigned(conversation.id(), before.agentId(), after.state(), reason));
        }
        OwnershipChanged changed = new OwnershipChanged(conversation.id(), conversation.customerId(), before.state(),
                after.state(), after.agentId(), actor, reason, after.updatedAt());
        repository.recordTransition(changed);
        events.publishEvent(changed);
        return after;
    }

    private Handoff requireMine(UUID conversationId, UUID me, boolean anyAssigned) {
        Handoff current = repository.lock(conversationId).orElseThrow(() -> HandoffException.notFound(conversationId));
        if (current.state() != HandoffState.ASSIGNED) {
            throw HandoffException.illegal("The conversation is " + current.state().json() + ", not assigned"
                    + (current.state() == HandoffState.QUEUED ? "; claim it first" : ""));
        }
        if (!current.agentId().equals(me) && !anyAssigned) {
            throw HandoffException.notYours(name(current.agentId()));
        }
        return current;
    }

    private void notify(Conversation conversation, String text, MessageContent payload) {
        conversations.post(new PostMessage(conversation.id(), Author.system(), text, payload, null));
    }

    private String name(UUID agentId) {
        return staff.findById(agentId).map(StaffMember::name).orElse("another agent");
    }

    private static UUID agentId(ParleyPrincipal principal) {
        if (principal.isCustomer() || !principal.hasRole("AGENT")) {
            throw HandoffException.forbidden("Only agents may do this");
        }
        return UUID.fromString(principal.id());
    }
}
