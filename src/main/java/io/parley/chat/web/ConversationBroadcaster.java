package io.parley.chat.web;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.ConversationRead;
import io.parley.chat.ConversationStateChanged;
import io.parley.chat.MessagePosted;
import io.parley.chat.Responder;
import io.parley.chat.TypingChanged;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes conversation events to {@code /topic/conversations/{id}}. Stored things go out only after commit, so a
 * client never sees a message that a rollback took back.
 */
@Component
class ConversationBroadcaster {

    private final SimpMessagingTemplate messaging;

    ConversationBroadcaster(SimpMessagingTemplate messaging) {
        this.messaging = messaging;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagePosted event) {
        send(event.conversationId(), TopicEvent.message(event.conversationId(), event.message()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationRead event) {
        send(event.conversationId(), TopicEvent.read(event.conversationId(), event.reader(), event.seq()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationStateChanged event) {
        // the customer sees only the bot/human switch; the queue and the assignee are the agents' business
        if (event.responderChanged()) {
            send(event.conversationId(), TopicEvent.status(event.conversationId(), event.to().responder()));
        }
    }

    @EventListener
    void on(TypingChanged event) {
        send(event.conversationId(), TopicEvent.typing(event.conversationId(), event.author(), event.typing()));
    }

    private void send(UUID conversationId, TopicEvent event) {
        messaging.convertAndSend("/topic/conversations/" + conversationId, event);
    }

    /**
     * What subscribers of a conversation receive; {@code type} says which fields are set.
     *
     * @param type message, typing, read or status
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopicEvent(String type, UUID conversationId, ChatMessage message, Author author, Boolean typing,
            AuthorType reader, Long seq, Responder responder) {

        static TopicEvent message(UUID conversationId, ChatMessage message) {
            return new TopicEvent("message", conversationId, message, null, null, null, message.seq(), null);
        }

        static TopicEvent typing(UUID conversationId, Author author, boolean typing) {
            return new TopicEvent("typing", conversationId, null, author, typing, null, null, null);
        }

        static TopicEvent read(UUID conversationId, AuthorType reader, long seq) {
            return new TopicEvent("read", conversationId, null, null, null, reader, seq, null);
        }

        static TopicEvent status(UUID conversationId, Responder responder) {
            return new TopicEvent("status", conversationId, null, null, null, null, null, responder);
        }
    }
}
