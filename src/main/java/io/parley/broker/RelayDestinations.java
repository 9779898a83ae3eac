package io.parley.broker;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * RabbitMQ's STOMP topics are routing keys, where {@code /} is not allowed and {@code .} separates words; the
 * public contract keeps {@code /topic/conversations/{id}}. So only on the way into the relay (and nowhere else:
 * authorization and the application see the public form) {@code /topic/a/b} becomes {@code /topic/a.b}, and
 * frames coming back from the broker get the public form again. Public topic names never contain a dot.
 */
final class RelayDestinations implements ExecutorChannelInterceptor {

    private static final String TOPIC = "/topic/";

    private final boolean toClients;

    /** @param toClients true on the client outbound channel (broker → client), false on the ways into the relay */
    RelayDestinations(boolean toClients) {
        this.toClients = toClients;
    }

    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        if (toClients || !(handler instanceof StompBrokerRelayMessageHandler)) {
            return message;
        }
        return rewrite(message, toBroker(SimpMessageHeaderAccessor.getDestination(message.getHeaders())));
    }

    /** On the client outbound channel: a MESSAGE from the broker shows the destination the client subscribed to. */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (!toClients || SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
            return message;
        }
        return rewrite(message, toPublic(SimpMessageHeaderAccessor.getDestination(message.getHeaders())));
    }

    static String toBroker(String destination) {
        if (destination == null || !destination.startsWith(TOPIC) || destination.indexOf('/', TOPIC.length()) < 0) {
            return null;
        }
        return TOPIC + destination.substring(TOPIC.length()).replace('/', '.');
    }

    static String toPublic(String destination) {
        if (destination == null || !destination.startsWith(TOPIC) || destination.startsWith(TOPIC + "parley.")
                || destination.indexOf('.', TOPIC.length()) < 0) {
            return null;
        }
        return TOPIC + destination.substring(TOPIC.length()).replace('.', '/');
    }

    private static Message<?> rewrite(Message<?> message, String destination) {
        if (destination == null) {
            return message;
        }
        MessageHeaderAccessor mutable = MessageHeaderAccessor.getMutableAccessor(message);
        if (!(mutable instanceof SimpMessageHeaderAccessor simp)) {
            return message;
        }
        // StompHeaderAccessor also updates the native destination header the relay writes to the broker
        simp.setDestination(destination);
        return MessageBuilder.createMessage(message.getPayload(), simp.getMessageHeaders());
    }
}
