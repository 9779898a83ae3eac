package io.parley;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Starts the embedded PostgreSQL in the background as soon as the settings are known, before the context refreshes:
 * its start (after a crash also stopping the orphaned postmaster and replaying the write-ahead log) then runs while
 * Spring scans and parses the configuration classes, the first several seconds of a start, which need no database.
 * The {@code embeddedPostgres} bean takes the server over from here (it owns and stops it from then on); a context
 * that fails before that stops it here. Only {@link ParleyApplication#main} installs this, so tests that bring their
 * own database never start one.
 */
final class EarlyEmbeddedPostgres implements DisposableBean {

    static final String BEAN_NAME = "parleyEarlyEmbeddedPostgres";

    private static final Logger log = LoggerFactory.getLogger(EarlyEmbeddedPostgres.class);

    private final Path dataDir;
    private final int port;
    private final CompletableFuture<EmbeddedPostgresServer.Started> start = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private EarlyEmbeddedPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        Thread thread = new Thread(() -> {
            try {
                start.complete(EmbeddedPostgresServer.start(dataDir, port, EmbeddedDatabaseConfiguration.STARTUP_WAIT));
            }
            catch (Throwable e) {
                start.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the server early when the context will want one: no datasource URL and not the production profile. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (!EmbeddedDatabaseConfiguration.embedded(environment)
                    || environment.acceptsProfiles(Profiles.of(EmbeddedDatabaseConfiguration.PRODUCTION_PROFILE))) {
                // the configuration reports the refusal under prod itself
                return;
            }
            EmbeddedDatabaseConfiguration.DatabaseProperties properties = Binder.get(environment)
                    .bind("parley.database", EmbeddedDatabaseConfiguration.DatabaseProperties.class)
                    .orElseGet(() -> new EmbeddedDatabaseConfiguration.DatabaseProperties(null, 0, null, null));
            EarlyEmbeddedPostgres early = new EarlyEmbeddedPostgres(EmbeddedDatabaseConfiguration.dataDir(properties),
                    properties.embeddedPort());
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(BEAN_NAME, early);
            if (beans instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(BEAN_NAME, early);
            }
        };
    }

    /**
     * Waits for the server and hands it over; from now on the caller stops it. Settings that differ from the ones it
     * was started with (they cannot, short of a bug) stop it and start one that fits.
     */
    EmbeddedPostgresServer.Started take(Path dataDir, int port) {
        if (!taken.compareAndSet(false, true)) {
            throw new IllegalStateException("The early embedded PostgreSQL was already taken");
        }
        EmbeddedPostgresServer.Started started = await();
        if (!dataDir.equals(this.dataDir) || port != this.port) {
            log.warn("The embedded PostgreSQL was started on {} (port {}) but is wanted on {} (port {}); restarting it",
                    this.dataDir, this.port, dataDir, port);
            close(started);
            return EmbeddedPostgresServer.start(dataDir, port, EmbeddedDatabaseConfiguration.STARTUP_WAIT);
        }
        return started;
    }

    /** Whether the context's {@code embeddedPostgres} bean took this server over. */
    boolean taken() {
        return taken.get();
    }

    private EmbeddedPostgresServer.Started await() {
        try {
            return start.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        if (taken.compareAndSet(false, true)) {
            // the context failed before it needed the database: nobody else will stop the server
            try {
                close(await());
            }
            catch (RuntimeException e) {
                log.debug("The early embedded PostgreSQL had not started: {}", e.toString());
            }
        }
    }

    private static void close(EmbeddedPostgresServer.Started started) {
        try {
            started.postgres().close();
        }
        catch (java.io.IOException e) {
            log.warn("Could not stop the embedded PostgreSQL: {}", e.toString());
        }
    }
}
