package io.parley.knowledge;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's Lucene index following article changes made on any node: a trigger on {@code article}
 * notifies {@code parley_article_changed} with the article id when the change commits (V55), and this listener
 * re-reads that article from PostgreSQL. Changes this node made itself arrive too and are re-applied harmlessly
 * (the upsert is idempotent and reuses the passages' vectors). When the listening connection is lost, notifications
 * sent meanwhile are lost with it, so after reconnecting the whole index is reconciled with the database.
 */
@Component
class ArticleChangeFeed implements SmartLifecycle {

    static final String CHANNEL = "parley_article_changed";
    private static final Logger log = LoggerFactory.getLogger(ArticleChangeFeed.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 2_000;

    private final DataSource dataSource;
    private final KnowledgeSearch search;
    private volatile Thread thread;

    ArticleChangeFeed(DataSource dataSource, KnowledgeSearch search) {
        this.dataSource = dataSource;
        this.search = search;
    }

    @Override
    public void start() {
        Thread listener = new Thread(this::listen, "article-change-feed");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        Thread listener = thread;
        thread = null;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void listen() {
        boolean first = true;
        while (thread == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    // whatever changed while nobody was listening
                    search.rebuild();
                }
                first = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (thread == Thread.currentThread()) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        apply(notifications);
                    }
                }
            }
            catch (SQLException | RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("Lost the article change feed ({}); reconnecting in {} ms", e.getMessage(), RETRY_MILLIS);
                try {
                    Thread.sleep(RETRY_MILLIS);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void apply(PGNotification[] notifications) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
            try {
                ids.add(UUID.fromString(notification.getParameter()));
            }
            catch (IllegalArgumentException ignored) {
                log.warn("Ignoring a malformed article change notification '{}'", notification.getParameter());
            }
        }
        for (UUID id : ids) {
            search.refresh(id);
        }
    }
}
