package io.parley.broker;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedSubscriptionRegistryTests {

    private final IndexedSubscriptionRegistry registry = new IndexedSubscriptionRegistry();

    @Test
    void findsExactlyTheSubscribersOfADestinationAmongManySessions() {
        for (int i = 0; i < 5_000; i++) {
            registry.registerSubscription(subscribe("s" + i, "0", "/topic/conversations/c" + i));
        }
        registry.registerSubscription(subscribe("agent", "7", "/topic/conversations/c42"));

        assertThat(registry.findSubscriptions(message("/topic/conversations/c42")))
                .containsOnlyKeys("s42", "agent").containsEntry("agent", List.of("7"));
        assertThat(registry.findSubscriptions(message("/topic/conversations/unknown"))).isEmpty();
    }

    @Test
    void unsubscribingAndDisconnectingLeaveNothingBehind() {
        registry.registerSubscription(subscribe("a", "1", "/topic/conversations/x"));
        registry.registerSubscription(subscribe("a", "2", "/topic/conversations/y"));
        registry.registerSubscription(subscribe("b", "1", "/topic/conversations/x"));

        registry.unregisterSubscription(unsubscribe("a", "1"));
        assertThat(registry.findSubscriptions(message("/topic/conversations/x"))).containsOnlyKeys("b");

        registry.unregisterAllSubscriptions("a");
        registry.unregisterAllSubscriptions("b");
        assertThat(registry.findSubscriptions(message("/topic/conversations/y"))).isEmpty();
        assertThat(registry.destinations()).isZero();
    }

    @Test
    void aSubscriptionIdReusedForAnotherDestinationMovesAndPatternsStillMatch() {
        registry.registerSubscription(subscribe("a", "1", "/topic/conversations/x"));
        registry.registerSubscription(subscribe("a", "1", "/topic/conversations/y"));
        assertThat(registry.findSubscriptions(message("/topic/conversations/x"))).isEmpty();
        assertThat(registry.findSubscriptions(message("/topic/conversations/y"))).containsOnlyKeys("a");

        registry.registerSubscription(subscribe("ops", "9", "/topic/conversations/**"));
        assertThat(registry.findSubscriptions(message("/topic/conversations/y"))).containsOnlyKeys("a", "ops");
        assertThat(registry.findSubscriptions(message("/topic/staff/z"))).isEmpty();
    }

    private static Message<byte[]> subscribe(String session, String id, String destination) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.SUBSCRIBE);
        headers.setSessionId(session);
        headers.setSubscriptionId(id);
        headers.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    private static Message<byte[]> unsubscribe(String session, String id) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.UNSUBSCRIBE);
        headers.setSessionId(session);
        headers.setSubscriptionId(id);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }

    private static Message<byte[]> message(String destination) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}
