package io.parley.support;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static org.awaitility.Awaitility.await;

/**
 * Subscribing a staff connection and waiting until the server has registered it. A user destination
 * ({@code /user/queue/inbox}) reaches only registered subscriptions, and a SUBSCRIBE frame is not acknowledged, so a
 * test that sends right after subscribing races the registration; the registry is what to wait for, not a sleep.
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** Subscribes {@code ws} to every destination and waits until one more of the agent's sessions has them all. */
    public static void subscribeAndAwait(SimpUserRegistry users, StompTestClient ws, Agents.Agent agent,
            String... destinations) {
        int before = sessionsSubscribedTo(users, agent, destinations);
        for (String destination : destinations) {
            ws.subscribe(destination);
        }
        await().atMost(StompTestClient.WAIT).until(() -> sessionsSubscribedTo(users, agent, destinations) > before);
    }

    /** How many of the agent's sessions the server knows to be subscribed to all the destinations. */
    public static int sessionsSubscribedTo(SimpUserRegistry users, Agents.Agent agent, String... destinations) {
        SimpUser user = users.getUser("staff:" + agent.id());
        if (user == null) {
            return 0;
        }
        return (int) user.getSessions().stream()
                .filter(session -> session.getSubscriptions().stream().map(SimpSubscription::getDestination)
                        .collect(Collectors.toSet()).containsAll(List.of(destinations)))
                .count();
    }
}
