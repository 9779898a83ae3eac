package io.parley.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.core.ParleyPrincipal;
import io.parley.customer.Customers;
import io.parley.customer.VisitorIdentified;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The chat module's API: conversations (threads) and their messages. Every write goes through here, so the seq
 * order, idempotency and size rules hold whoever writes (customer, bot or agent).
 */
@Service
public class Conversations {

    private static final int MAX_CLIENT_MESSAGE_ID = 100;
    private static final int MAX_SUBJECT = 200;
    // clientMessageIds with this prefix are the bot's reply keys; clients may not use it
    private static final String BOT_REPLY_PREFIX = "bot-reply:";

    private final ConversationRepository repository;
    private final ConversationOwnership ownership;
    private final Customers customers;
    private final ChatProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Conversations(ConversationRepository repository, ConversationOwnership ownership, Customers customers,
            ChatProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.ownership = ownership;
        this.customers = customers;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Conversation start(UUID customerId, String subject, String locale) {
        if (subject != null && subject.length() > MAX_SUBJECT) {
            throw ChatException.invalidMessage("subject_too_long", "subject is longer than " + MAX_SUBJECT + " characters");
        }
        if (!StringUtils.hasText(locale)) {
            // the widget's locale at session start is the best guess for the thread's language
            locale = customers.findById(customerId).map(c -> c.locale()).orElse(null);
        }
        Instant now = clock.instant();
        Conversation conversation = new Conversation(UUID.randomUUID(), customerId,
                StringUtils.hasText(subject) ? subject.strip() : null, locale, 0, 0, 0, now, now, ConversationState.BOT, null);
        repository.insert(conversation);
        events.publishEvent(new ConversationStarted(conversation.id(), customerId, locale));
        return conversation;
    }

    public Conversation get(UUID id) {
        return repository.find(id).orElseThrow(() -> ChatException.conversationNotFound(id));
    }

    /**
     * Checks that the principal may read and write the conversation: a customer only their own, agents any (staff
     * without the agent role, such as writers, none).
     *
     * @return the conversation
     * @throws ChatException 404 when it does not exist, 403 when it is someone else's
     */
    public Conversation requireAccess(ParleyPrincipal principal, UUID conversationId) {
        Conversation conversation = get(conversationId);
        boolean allowed = principal.isCustomer()
                ? conversation.customerId().toString().equals(principal.id())
                : principal.hasRole("AGENT");
        if (!allowed) {
            throw ChatException.accessDenied(conversationId);
        }
        return conversation;
    }

    public List<ConversationSummary> listFor(UUID customerId) {
        return repository.summariesFor(customerId);
    }

    /** Messages after {@code afterSeq} in seq order, at most one page. */
    public List<ChatMessage> messagesAfter(UUID conversationId, long afterSeq, int limit) {
        int pageSize = Math.max(1, Math.min(limit <= 0 ? properties.historyPageSize() : limit, properties.historyPageSize()));
        return repository.messagesAfter(conversationId, Math.max(0, afterSeq), pageSize);
    }

    public int historyPageSize() {
        return properties.historyPageSize();
    }

    /**
     * Stores a message with the next seq. A resend with a known clientMessageId returns the stored message and
     * stores nothing. Invalid text is refused before anything is written.
     */
    @Transactional
    public PostResult post(PostMessage command) {
        String text = validate(command);
        Conversation conversation = repository.lock(command.conversationId())
                .orElseThrow(() -> ChatException.conversationNotFound(command.conversationId()));
        if (command.clientMessageId() != null) {
            var earlier = repository.findByClientMessageId(conversation.id(), command.clientMessageId());
            if (earlier.isPresent()) {
                return new PostResult(earlier.get(), true);
            }
        }
        ChatMessage message = new ChatMessage(UUID.randomUUID(), conversation.id(), conversation.lastSeq() + 1,
                command.author(), text, command.payload(), command.clientMessageId(), clock.instant());
        repository.append(message, command.author().type() == AuthorType.CUSTOMER);
        events.publishEvent(new MessagePosted(conversation.id(), conversation.customerId(), message));
        return new PostResult(message, false);
    }

    /**
     * Stores a bot message only while the bot is the conversation's responder, checked under the same row lock that
     * orders messages: once a human has taken over, the bot's late reply is dropped instead of talking over them.
     *
     * @return the stored message, or empty when the bot no longer responds in this conversation
     */
    @Transactional
    public java.util.Optional<ChatMessage> postAsBot(UUID conversationId, String botName, String text,
            MessageContent payload) {
        Conversation conversation = repository.lock(conversationId)
                .orElseThrow(() -> ChatException.conversationNotFound(conversationId));
        if (!conversation.botResponds()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(post(new PostMessage(conversationId, Author.bot(botName), text, payload, null)).message());
    }

    /**
     * The bot's reply to one customer message, stored at most once: it is keyed on the question's message id (as its
     * clientMessageId), so a resubmitted {@link MessagePosted} finds the reply already there and stores nothing. Like
     * {@link #postAsBot}, dropped once a person has taken over.
     *
     * @return the stored (or earlier) reply, or empty when the bot no longer responds in this conversation
     */
    @Transactional
    public java.util.Optional<ChatMessage> postBotReply(UUID conversationId, UUID inReplyTo, String botName, String text,
            MessageContent payload) {
        Conversation conversation = repository.lock(conversationId)
                .orElseThrow(() -> ChatException.conversationNotFound(conversationId));
        var earlier = repository.findByClientMessageId(conversationId, botReplyKey(inReplyTo));
        if (earlier.isPresent()) {
            return earlier;
        }
        if (!conversation.botResponds()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(post(new PostMessage(conversationId, Author.bot(botName), text, payload,
                botReplyKey(inReplyTo))).message());
    }

    /** Whether the bot has already replied to the message (see {@link #postBotReply}). */
    public boolean botReplied(UUID conversationId, UUID messageId) {
        return repository.findByClientMessageId(conversationId, botReplyKey(messageId))
                .filter(m -> m.author().type() == AuthorType.BOT).isPresent();
    }

    private static String botReplyKey(UUID inReplyTo) {
        return BOT_REPLY_PREFIX + inReplyTo;
    }

    /**
     * The bot hands over: its message ("I'm connecting you with our team") and the switch to a person in one
     * transaction under one lock, so the message is never stored without the hand-off (or the hand-off without
     * it), and the handoff module's queue notice, written by its listener of {@link ConversationStateChanged}, commits
     * with them.
     *
     * @param inReplyTo the customer message this answers (the reply is stored at most once, see {@link #postBotReply})
     * @param reason the hand-off reason ({@link ConversationStateChanged#reason()})
     * @param question the customer's question, for the agent and the ticket
     * @return the bot's message, or empty when the bot no longer responds in this conversation
     */
    @Transactional
    public java.util.Optional<ChatMessage> handOverAsBot(UUID conversationId, UUID inReplyTo, String botName, String text,
            MessageContent content, String reason, String question) {
        // a resubmitted hand-off finds its message stored and the bot no longer responding: requestHuman is a no-op
        java.util.Optional<ChatMessage> posted = postBotReply(conversationId, inReplyTo, botName, text, content);
        posted.ifPresent(message -> requestHuman(conversationId, reason, question));
        return posted;
    }

    /**
     * Takes the conversation's row lock for the caller's transaction: the same lock every message write takes, so a
     * module that changes who owns a conversation (handoff) is ordered with the messages written to it.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Conversation lock(UUID conversationId) {
        return repository.lock(conversationId).orElseThrow(() -> ChatException.conversationNotFound(conversationId));
    }

    /**
     * Passes the conversation from the bot to people: the bot falls silent at once (the switch happens under the
     * conversation's lock) and the {@link ConversationStateChanged} it publishes lets the handoff module queue and
     * route it in the same transaction. A second request while people own it changes nothing.
     *
     * @return true when this call handed the conversation over
     */
    @Transactional
    public boolean requestHuman(UUID conversationId, String reason, String question) {
        return ownership.requestHuman(conversationId, reason, question);
    }

    /** The last {@code count} messages in seq order. */
    public List<ChatMessage> recentMessages(UUID conversationId, int count) {
        return repository.recentMessages(conversationId, count);
    }

    @Transactional
    public void markRead(UUID conversationId, AuthorType reader, long seq) {
        get(conversationId);
        if (repository.markRead(conversationId, reader, seq) > 0) {
            Conversation updated = get(conversationId);
            long readUpTo = reader == AuthorType.CUSTOMER ? updated.customerReadSeq() : updated.agentReadSeq();
            events.publishEvent(new ConversationRead(conversationId, reader, readUpTo));
        }
    }

    /** Relays a typing indicator to everyone watching the conversation; nothing is stored. */
    public void typing(UUID conversationId, Author author, boolean typing) {
        events.publishEvent(new TypingChanged(conversationId, author, typing));
    }

    /** What a visitor started anonymously follows them once the host application identifies them. */
    @EventListener
    void on(VisitorIdentified event) {
        repository.reassignCustomer(event.anonymousCustomerId(), event.customerId());
    }

    private String validate(PostMessage command) {
        if (command.author() == null) {
            throw ChatException.invalidMessage("author_missing", "a message needs an author");
        }
        String text = command.text() == null ? "" : command.text().strip();
        if (text.isEmpty()) {
            throw ChatException.invalidMessage("message_empty", "message text is empty");
        }
        if (text.length() > properties.maxMessageLength()) {
            throw ChatException.invalidMessage("message_too_long", "message is " + text.length()
                    + " characters; the limit is " + properties.maxMessageLength());
        }
        if (command.clientMessageId() != null
                && (command.clientMessageId().isBlank() || command.clientMessageId().length() > MAX_CLIENT_MESSAGE_ID)) {
            throw ChatException.invalidMessage("client_message_id_invalid",
                    "clientMessageId must be 1 to " + MAX_CLIENT_MESSAGE_ID + " characters");
        }
        if (command.clientMessageId() != null && command.author().type() != AuthorType.BOT
                && command.clientMessageId().startsWith(BOT_REPLY_PREFIX)) {
            throw ChatException.invalidMessage("client_message_id_invalid",
                    "clientMessageId may not start with " + BOT_REPLY_PREFIX);
        }
        return text;
    }

}
