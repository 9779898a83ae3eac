package io.parley.mail;

import java.time.Duration;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A task of the mail module that runs again and again with a fixed delay on its own daemon thread (named after it),
 * until {@link #close()}: the outbox sender, the presence renewal.
 */
final class Repeating implements AutoCloseable {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    private Repeating(String name, Duration delay, Runnable task) {
        scheduler.setThreadNamePrefix(name + "-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(task, delay);
    }

    static Repeating every(Duration delay, String name, Runnable task) {
        return new Repeating(name, delay, task);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
