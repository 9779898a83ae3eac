package io.parley.insight.facts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Prometheus counters of what insight records. A counter moves only once the recording transaction commits, so a
 * rolled-back message or handoff is never counted.
 */
@Component
class InsightCounters {

    private final MeterRegistry registry;

    InsightCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    void conversationStarted() {
        increment(Counter.builder("parley.insight.conversations.started")
                .description("Conversations started").register(registry));
    }

    void handoff(String reason) {
        increment(Counter.builder("parley.insight.handoffs").description("Conversations handed to people, by reason")
                .tag("reason", reason).register(registry));
    }

    void resolution(boolean byBot) {
        increment(Counter.builder("parley.insight.resolutions").description("Conversations resolved, by the bot or an agent")
                .tag("by", byBot ? "bot" : "agent").register(registry));
    }

    void answerFeedback(boolean helpful) {
        increment(Counter.builder("parley.insight.answer.feedback").description("Yes/no feedback on bot answers")
                .tag("helpful", Boolean.toString(helpful)).register(registry));
    }

    void csat(int score) {
        increment(Counter.builder("parley.insight.csat.ratings").description("CSAT ratings, by score")
                .tag("score", Integer.toString(score)).register(registry));
    }

    private static void increment(Counter counter) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        }
        else {
            counter.increment();
        }
    }
}
