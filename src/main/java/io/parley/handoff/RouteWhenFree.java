package io.parley.handoff;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.agent.PresenceChanged;
import io.parley.agent.Presence;
import io.parley.agent.PresenceLapsed;
import io.parley.chat.ConversationStateChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Waiting conversations go to agents as soon as one is free: when an agent comes online or gains capacity, or an
 * agent's conversation leaves them. One routing pass at a time, off the caller's thread.
 */
@Component
class RouteWhenFree implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RouteWhenFree.class);

    private final Handoffs handoffs;
    private final TransactionTemplate transactions;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "handoff-routing");
        thread.setDaemon(true);
        return thread;
    });

    RouteWhenFree(Handoffs handoffs, TransactionTemplate transactions) {
        this.handoffs = handoffs;
        this.transactions = transactions;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PresenceChanged event) {
        if (event.presence() == Presence.ONLINE) {
            schedule();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationStateChanged event) {
        if (event.unassigned()) {
            schedule();
        }
    }

    /** A lapsed agent's unanswered conversations are routed again (to the others online, or they wait queued). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(PresenceLapsed event) {
        executor.execute(() -> {
            try {
                int released = handoffs.releaseUnanswered(event.staffId(), transactions);
                if (released > 0) {
                    log.info("Routed {} unanswered conversation(s) of agent {} again (presence lapsed)", released, event.staffId());
                }
            }
            catch (RuntimeException e) {
                log.warn("Releasing the conversations of agent {} failed", event.staffId(), e);
            }
        });
    }

    private void schedule() {
        executor.execute(() -> {
            try {
                handoffs.routeWaiting(transactions);
            }
            catch (RuntimeException e) {
                log.warn("Routing waiting conversations failed", e);
            }
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
