package io.parley.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Marks a listener whose work must happen even if the process dies right after the publishing transaction: the
 * event is stored in Spring Modulith's event publication registry (PostgreSQL) in the publisher's transaction, the
 * listener runs after the commit, and the publication is marked complete only when the listener returns normally.
 * Incomplete publications (a crash, a thrown exception, the database away) are resubmitted on start-up and
 * periodically ({@code parley.events.*}), so the listener must be idempotent.
 * <p>
 * This is the registry's trigger annotation ({@code spring.modulith.events.registry-trigger-annotation}): plain
 * {@code @TransactionalEventListener}s (broadcasts to connected clients, which resync by seq) are not stored. Unlike
 * {@code @ApplicationModuleListener} it chooses no threads and no transaction: a listener that writes adds
 * {@code @Transactional(propagation = REQUIRES_NEW)} (after commit the old transaction is over), one that is slow adds
 * {@code @Async("its executor")}.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TransactionalEventListener(fallbackExecution = true)
public @interface DurableListener {
}
