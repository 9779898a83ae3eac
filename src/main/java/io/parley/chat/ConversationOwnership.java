package io.parley.chat;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transitions of a conversation's ownership, each under the conversation's row lock (the lock every message
 * write takes, so a transition is ordered with the messages), in one transaction, publishing one
 * {@link ConversationStateChanged}. The handoff module decides when (teams, hours, routing, the queue); the state
 * itself lives only here, so the bot's "may I answer?" check and the agents' queue can never disagree.
 */
@Service
public class ConversationOwnership {

    private final ConversationRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // a transition made while another one's event is being handled (handoff routes the conversation it is placing)
    // is published once that handling is done, so every listener sees the transitions in the order they happened
    private final ThreadLocal<java.util.ArrayDeque<ConversationStateChanged>> pending = new ThreadLocal<>();

    ConversationOwnership(ConversationRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The bot (or the customer through it) asks for a person: the bot falls silent at once. A second request while
     * people own the conversation changes nothing.
     *
     * @return true when this call handed the conversation over
     */
    @Transactional
    public boolean requestHuman(UUID conversationId, String reason, String question) {
        Conversation conversation = lock(conversationId);
        if (!conversation.botResponds()) {
            return false;
        }
        change(conversation, conversation.queued(), null, reason, question);
        return true;
    }

    /** To the queue: an agent takes it from the bot, a transfer to the queue, a reopening, an agent gone away. */
    @Transactional
    public ConversationStateChanged queue(UUID conversationId, String reason, String question, UUID actor) {
        Conversation conversation = lock(conversationId);
        return change(conversation, conversation.queued(), actor, reason, question);
    }

    /** To one agent (claimed, routed or transferred). */
    @Transactional
    public ConversationStateChanged assign(UUID conversationId, UUID agent, String reason, UUID actor) {
        Conversation conversation = lock(conversationId);
        return change(conversation, conversation.assignedTo(agent), actor, reason, null);
    }

    @Transactional
    public ConversationStateChanged resolve(UUID conversationId, UUID agent) {
        Conversation conversation = lock(conversationId);
        return change(conversation, conversation.resolved(), agent, "resolved", null);
    }

    @Transactional
    public ConversationStateChanged returnToBot(UUID conversationId, String reason, UUID actor) {
        Conversation conversation = lock(conversationId);
        return change(conversation, conversation.returnedToBot(), actor, reason, null);
    }

    private Conversation lock(UUID conversationId) {
        return repository.lock(conversationId).orElseThrow(() -> ChatException.conversationNotFound(conversationId));
    }

    private ConversationStateChanged change(Conversation before, Conversation after, UUID actor, String reason,
            String question) {
        repository.setState(after.id(), after.state(), after.assignee());
        ConversationStateChanged changed = new ConversationStateChanged(after.id(), after.customerId(), after.locale(),
                before.state(), after.state(), after.assignee(), before.assignee(), actor, reason, question,
                clock.instant());
        publish(changed);
        return changed;
    }

    private void publish(ConversationStateChanged changed) {
        java.util.ArrayDeque<ConversationStateChanged> queue = pending.get();
        if (queue != null) {
            queue.add(changed);
            return;
        }
        queue = new java.util.ArrayDeque<>();
        pending.set(queue);
        try {
            events.publishEvent(changed);
            while (!queue.isEmpty()) {
                events.publishEvent(queue.poll());
            }
        }
        finally {
            pending.remove();
        }
    }
}
