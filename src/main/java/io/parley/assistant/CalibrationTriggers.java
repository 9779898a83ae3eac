package io.parley.assistant;

import io.parley.assistant.calibration.SelfCalibration;
import io.parley.knowledge.ArticlePublished;
import io.parley.knowledge.ArticleWithdrawn;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts a (debounced, background) refit of the decision when the published articles change, and once after
 * start-up, since the knowledge base may have changed while the application was down. Not a durable listener: a
 * lost trigger only delays a refit until the next change or start, and the stored calibration stays in force.
 */
@Component
class CalibrationTriggers {

    private final SelfCalibration calibration;
    private final AssistantProperties properties;

    CalibrationTriggers(SelfCalibration calibration, AssistantProperties properties) {
        this.calibration = calibration;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (properties.calibration().enabled()) {
            calibration.articlesChanged();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ArticlePublished event) {
        started();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ArticleWithdrawn event) {
        started();
    }
}
