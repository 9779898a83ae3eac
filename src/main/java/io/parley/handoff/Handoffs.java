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
import io.parley.chat.Author;
import io.parley.chat.Conversation;
import io.parley.chat.ConversationOwnership;
import io.parley.chat.ConversationState;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.PostMessage;
import io.parley.chat.PostResult;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The handoff module's API: agents' commands on conversations (claim, reply, transfer, resolve, return to the bot),
 * the customer's rating and contact, and routing of the queue. Who owns a conversation is chat's
 * ({@link ConversationOwnership}): each command takes the conversation's row lock first, asks chat for the
 * transition, and {@link Placement} keeps the queue, its history and the customer's notices in step in the same
 * transaction.
 */
@Service
public class Handoffs {

    static final int MAX_COMMENT = 2000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final HandoffRepository repository;
    private final Conversations conversations;
    private final ConversationOwnership ownership;
    private final Placement placement;
    private final Teams teams;
    private final Routing routing;
    private final AgentPresence presence;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Handoffs(HandoffRepository repository, Conversations conversations, ConversationOwnership ownership,
            Placement placement, Teams teams, Routing routing, AgentPresence presence, HandoffProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.conversations = conversations;
        this.ownership = ownership;
        this.placement = placement;
        this.teams = teams;
        this.routing = routing;
        this.presence = presence;
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

    public List<Handoff> all(ConversationState state, int limit) {
        return repository.all(state, limit);
    }

    public List<OwnershipChanged> transitions(UUID conversationId) {
        return repository.transitions(conversationId, conversations.get(conversationId).customerId());
    }

    /** 1-based place in the queue, null when not queued. */
    public Integer position(Handoff handoff) {
        return handoff.state() == ConversationState.QUEUED ? repository.position(handoff) : null;
    }

    public Map<UUID, Integer> load() {
        return repository.load();
    }

    /** Median first-response time of the window, empty without history ("a few minutes"). */
    public Optional<Duration> expectedWait() {
        return placement.expectedWait();
    }

    /**
     * An agent takes the conversation: from the queue (atomic: of two claims one wins, the other is refused with
     * {@code already_claimed}), or from the bot or a resolved state, which first queues it ({@code agent_initiated}).
     */
    @Transactional
    public Handoff claim(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        if (conversation.state() == ConversationState.ASSIGNED) {
            if (me.equals(conversation.assignee())) {
                return get(conversationId);
            }
            throw HandoffException.alreadyClaimed(placement.name(conversation.assignee()));
        }
        if (conversation.state() != ConversationState.QUEUED) {
            ownership.queue(conversationId, "agent_initiated", null, me);
        }
        return placement.assign(conversationId, conversation.locale(), get(conversationId), me, "claimed", me);
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
            return placement.assign(conversationId, conversation.locale(), current, toAgent, "transferred", me);
        }
        if (toTeam != null) {
            repository.save(current.withTeam(teams.get(toTeam).id(), clock.instant()));
        }
        ownership.queue(conversationId, "transferred", null, me);
        return get(conversationId);
    }

    @Transactional
    public Handoff resolve(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        Handoff current = requireMine(conversationId, me, false);
        ownership.resolve(conversationId, me);
        Handoff resolved = current.resolve(me, clock.instant());
        repository.save(resolved);
        placement.notify(conversationId, CustomerNotices.text(conversation.locale(), CustomerNotices.Key.RESOLVED, Map.of()),
                new MessageContent.CsatRequest());
        events.publishEvent(new ConversationResolved(conversation.id(), conversation.customerId(), false, me, resolved.resolvedAt()));
        return resolved;
    }

    @Transactional
    public Handoff returnToBot(UUID conversationId, ParleyPrincipal agent) {
        UUID me = agentId(agent);
        Conversation conversation = conversations.lock(conversationId);
        return placement.backToBot(conversation, requireMine(conversationId, me, false), "returned_to_bot", me);
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
        placement.notify(conversationId, CustomerNotices.text(conversation.locale(), placement.sendsEmail() ? CustomerNotices.Key.CONTACT_SAVED
                : CustomerNotices.Key.CONTACT_SAVED_NO_EMAIL, Map.of("email", address)),
                new MessageContent.ContactSaved(address));
        return updated;
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
                if (current == null || current.state() != ConversationState.QUEUED) {
                    return null;
                }
                Optional<Team> team = current.teamId() == null ? Optional.empty() : teams.find(current.teamId());
                if (team.isPresent() && !team.get().isOpen(clock.instant())) {
                    return null;
                }
                Optional<AgentStatus> agent = routing.pick(team, null);
                agent.ifPresent(a -> placement.assign(conversation.id(), conversation.locale(), current, a.staffId(), "routed", null));
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
                conversations.lock(assigned.conversationId());
                Handoff current = repository.lock(assigned.conversationId()).orElse(null);
                if (current == null || current.state() != ConversationState.ASSIGNED || !agentId.equals(current.agentId())
                        || !current.awaitingFirstResponse()) {
                    return false;
                }
                // the placement routes it to someone else (the lapsed agent, the previous assignee, is left out)
                ownership.queue(assigned.conversationId(), "agent_away", null, null);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                released++;
            }
        }
        return released;
    }

    private Handoff requireMine(UUID conversationId, UUID me, boolean anyAssigned) {
        Handoff current = repository.lock(conversationId).orElseThrow(() -> HandoffException.notFound(conversationId));
        if (current.state() != ConversationState.ASSIGNED) {
            throw HandoffException.illegal("The conversation is " + current.state().json() + ", not assigned"
                    + (current.state() == ConversationState.QUEUED ? "; claim it first" : ""));
        }
        if (!current.agentId().equals(me) && !anyAssigned) {
            throw HandoffException.notYours(placement.name(current.agentId()));
        }
        return current;
    }

    private static UUID agentId(ParleyPrincipal principal) {
        if (principal.isCustomer() || !principal.hasRole("AGENT")) {
            throw HandoffException.forbidden("Only agents may do this");
        }
        return UUID.fromString(principal.id());
    }
}
