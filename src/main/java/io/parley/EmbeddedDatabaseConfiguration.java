package io.parley;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL (binaries from a Maven artifact) when no {@code spring.datasource.url} is configured, so
 * {@code ./mvnw spring-boot:run} works on a fresh machine. Its data directory survives restarts, commits are durable
 * and it asks for a password ({@link EmbeddedPostgresServer}); production points {@code SPRING_DATASOURCE_URL} at
 * its own server and this configuration stays out of the way. The server is stopped when the context closes (after
 * the pool), which Spring's shutdown hook does on SIGTERM. Started from {@link ParleyApplication#main}, the server
 * comes up in the background while Spring reads its configuration ({@link EarlyEmbeddedPostgres}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The Spring profile under which an embedded database is a mistake: production data belongs on a managed server. */
    static final String PRODUCTION_PROFILE = "prod";

    // the first start runs initdb; slow disks need more than zonky's 10 s default
    static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    // the superuser's password, read from (or generated into) the data directory when the server starts
    private volatile String password;

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties, Environment environment,
            ObjectProvider<EarlyEmbeddedPostgres> early) {
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            // a forgotten SPRING_DATASOURCE_URL would otherwise put production data in ./data/postgres, silently
            throw new EmbeddedDatabaseRefused();
        }
        Path dataDir = dataDir(properties);
        EarlyEmbeddedPostgres startedEarly = early.getIfAvailable();
        EmbeddedPostgresServer.Started started = startedEarly != null
                ? startedEarly.take(dataDir, properties.embeddedPort())
                : EmbeddedPostgresServer.start(dataDir, properties.embeddedPort(), STARTUP_WAIT);
        this.password = started.password();
        log.warn("""
                Using the embedded PostgreSQL (port {}, data in {}): it is meant for evaluation and small installs. \
                For production, point Parley at your own PostgreSQL 14+ with SPRING_DATASOURCE_URL, \
                SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (backups, monitoring and upgrades are then yours \
                to run as usual).""", started.postgres().getPort(), dataDir);
        return started.postgres();
    }

    static Path dataDir(DatabaseProperties properties) {
        return Path.of(properties.embeddedDataDir()).toAbsolutePath().normalize();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(EmbeddedPostgresServer.USER, "postgres"));
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("parley-embedded");
        DatabaseTimeouts.apply(config, properties.connectionTimeout());
        return new HikariDataSource(config);
    }

    /**
     * @param embeddedDataDir where the embedded server keeps its data
     * @param embeddedPort fixed port for the embedded server, 0 for any free port
     * @param connectionTimeout how long a caller waits for a database connection before it gets {@code unavailable}
     *     (applies to any PostgreSQL, embedded or not)
     * @param circuitOpenFor once the database was found unreachable, how long every call fails at once with
     *     {@code unavailable} before one is let through to try again (any PostgreSQL)
     */
    @ConfigurationProperties("parley.database")
    record DatabaseProperties(String embeddedDataDir, int embeddedPort, Duration connectionTimeout,
            Duration circuitOpenFor) {
        DatabaseProperties {
            if (!StringUtils.hasText(embeddedDataDir)) {
                embeddedDataDir = "./data/postgres";
            }
            if (connectionTimeout == null) {
                connectionTimeout = DatabaseTimeouts.DEFAULT;
            }
            if (circuitOpenFor == null) {
                circuitOpenFor = Duration.ofSeconds(5);
            }
        }
    }

    /** Thrown instead of starting the embedded server under the {@code prod} profile. */
    static final class EmbeddedDatabaseRefused extends IllegalStateException {
        EmbeddedDatabaseRefused() {
            super("The embedded PostgreSQL does not start under the '" + PRODUCTION_PROFILE + "' profile: set "
                    + "SPRING_DATASOURCE_URL (and SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD) to your "
                    + "PostgreSQL 14+ server, see docs/DEPLOYMENT.md");
        }
    }

    /** Turns the refusal into Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
    static final class EmbeddedDatabaseRefusedAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseRefused> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseRefused cause) {
            return new FailureAnalysis(cause.getMessage(),
                    "Point spring.datasource.url at your PostgreSQL server, or start without the '" + PRODUCTION_PROFILE
                            + "' profile to use the embedded database for a trial.", cause);
        }
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return embedded(context.getEnvironment());
        }
    }

    /** Whether this configuration applies: no datasource URL configured. */
    static boolean embedded(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }
}
