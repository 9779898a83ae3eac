package io.parley.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * What synchronous commit costs the test database: the same small transactions (one message-sized insert each, as
 * the chat does per message) against zonky's server with {@code synchronous_commit} off (its default) and on.
 * Run: {@code ./mvnw -B -o -Pbench test -Dtest=SynchronousCommitBenchmark}.
 */
class SynchronousCommitBenchmark {

    private static final int TRANSACTIONS = 2000;

    @Test
    void commitsPerSecond() throws Exception {
        for (String mode : new String[] { "off", "on", "off", "on" }) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", mode).start();
                    Connection c = postgres.getPostgresDatabase().getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("create table m (id uuid primary key, conversation uuid, seq bigint, text text, created_at timestamptz)");
                }
                c.setAutoCommit(false);
                UUID conversation = UUID.randomUUID();
                long t0 = System.nanoTime();
                try (PreparedStatement insert = c.prepareStatement("insert into m values (?, ?, ?, ?, now())")) {
                    for (int i = 0; i < TRANSACTIONS; i++) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setObject(2, conversation);
                        insert.setLong(3, i);
                        insert.setString(4, "How do I reset my password? I forgot it. " + i);
                        insert.executeUpdate();
                        c.commit();
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("synchronous_commit=%s: %d transactions in %.2f s = %.0f commits/s, %.3f ms each%n", mode,
                        TRANSACTIONS, seconds, TRANSACTIONS / seconds, seconds * 1000 / TRANSACTIONS);
            }
        }
    }
}
