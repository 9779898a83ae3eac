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

    /** Points a test context at the shared database. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            java.util.Map<String, Object> properties = new java.util.HashMap<>(properties());
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
