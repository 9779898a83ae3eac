package io.parley.broker;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.AbstractSubscriptionRegistry;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.PathMatcher;

/**
 * The in-process broker's subscriptions, indexed by destination. Spring's {@code DefaultSubscriptionRegistry} finds
 * a destination's subscribers in a cache and, on a miss, scans every subscription of every session. With a topic
 * per widget every conversation's first event after its subscription is a miss: at 19,000 idle widgets one typing
 * indicator each kept the four inbound threads busy for minutes, heart-beats queued behind them, and the broker
 * closed the "silent" sessions. Here an exact destination is one map lookup, whatever the number of sessions.
 * Pattern subscriptions (clients cannot make them: {@code StompAuthorization} refuses pattern characters) are kept
 * apart and matched per message. STOMP selector headers are not supported (nothing in Parley uses them).
 */
final class IndexedSubscriptionRegistry extends AbstractSubscriptionRegistry {

    private final PathMatcher matcher = new AntPathMatcher();
    /** destination → session id → subscription ids */
    private final Map<String, Map<String, Set<String>>> exact = new ConcurrentHashMap<>();
    /** pattern → session id → subscription ids */
    private final Map<String, Map<String, Set<String>>> patterns = new ConcurrentHashMap<>();
    /** session id → subscription id → destination */
    private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

    @Override
    protected void addSubscriptionInternal(String sessionId, String subscriptionId, String destination, Message<?> message) {
        String previous = sessions.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(subscriptionId, destination);
        if (previous != null && !previous.equals(destination)) {
            remove(previous, sessionId, subscriptionId);
        }
        index(destination).compute(destination, (d, bySession) -> {
            Map<String, Set<String>> map = bySession != null ? bySession : new ConcurrentHashMap<>();
            map.computeIfAbsent(sessionId, s -> ConcurrentHashMap.newKeySet()).add(subscriptionId);
            return map;
        });
    }

    @Override
    protected void removeSubscriptionInternal(String sessionId, String subscriptionId, Message<?> message) {
        Map<String, String> subscriptions = sessions.get(sessionId);
        String destination = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (destination != null) {
            remove(destination, sessionId, subscriptionId);
        }
    }

    @Override
    public void unregisterAllSubscriptions(String sessionId) {
        Map<String, String> subscriptions = sessions.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.forEach((subscriptionId, destination) -> remove(destination, sessionId, subscriptionId));
        }
    }

    @Override
    protected MultiValueMap<String, String> findSubscriptionsInternal(String destination, Message<?> message) {
        MultiValueMap<String, String> result = new LinkedMultiValueMap<>();
        Map<String, Set<String>> bySession = exact.get(destination);
        if (bySession != null) {
            bySession.forEach((sessionId, ids) -> result.put(sessionId, new ArrayList<>(ids)));
        }
        if (!patterns.isEmpty()) {
            patterns.forEach((pattern, subscribers) -> {
                if (matcher.match(pattern, destination)) {
                    subscribers.forEach((sessionId, ids) -> ids.forEach(id -> result.add(sessionId, id)));
                }
            });
        }
        return result;
    }

    /** Destinations with at least one subscription (for tests and diagnostics). */
    int destinations() {
        return exact.size() + patterns.size();
    }

    private Map<String, Map<String, Set<String>>> index(String destination) {
        return matcher.isPattern(destination) ? patterns : exact;
    }

    private void remove(String destination, String sessionId, String subscriptionId) {
        index(destination).computeIfPresent(destination, (d, bySession) -> {
            bySession.computeIfPresent(sessionId, (s, ids) -> {
                ids.remove(subscriptionId);
                return ids.isEmpty() ? null : ids;
            });
            return bySession.isEmpty() ? null : bySession;
        });
    }
}
