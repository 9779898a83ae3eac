package io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real PostgreSQL per test JVM, shared by every Spring context the tests start: tests keep their data apart
 * (random customers and ids) instead of paying for a server per context.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                // like the application's embedded server, a commit waits for its WAL write (zonky's default is off);
                // fsync stays off (zonky's -F): the test server's data need not survive a power cut
                postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL", e);
            }
        }
        return postgres;
    }

    public static Map<String, Object> properties() {
        return Map.of("spring.datasource.url", postgres().getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres");
    }

    /**
     * A database of its own on the shared server, created on first use: for tests whose contexts must not see the
     * others' work, such as event publications that any context's resubmission pass would pick up.
     */
    public static synchronized Map<String, Object> isolatedProperties(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (java.sql.Connection connection = postgres().getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet exists = statement
                    .executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + database);
                }
            }
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database, e);
        }
        return Map.of("spring.datasource.url", postgres().getJdbcUrl("postgres", database),
                "spring.datasource.username", "postgres");
    }

    /** Points a test context at the shared database (or, given a name, at a database of its own). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private final String database;

        public Initializer() {
            this(null);
        }

        public Initializer(String database) {
            this.database = database;
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            java.util.Map<String, Object> properties = new java.util.HashMap<>(
                    database == null ? properties() : isolatedProperties(database));
            try {
                // every context gets its own index: two writers cannot share a Lucene directory
                properties.put("parley.knowledge.index-dir", java.nio.file.Files.createTempDirectory("parley-index").toString());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", properties));
        }
    }
}
