package io.parley;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * {@code ./mvnw spring-boot:run} works on a fresh machine. Its data directory survives restarts; production points
 * {@code SPRING_DATASOURCE_URL} at its own server and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.DatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The Spring profile under which an embedded database is a mistake: production data belongs on a managed server. */
    static final String PRODUCTION_PROFILE = "prod";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            // a forgotten SPRING_DATASOURCE_URL would otherwise put production data in ./data/postgres, silently
            throw new EmbeddedDatabaseRefused();
        }
        File dataDir = new File(properties.embeddedDataDir()).getAbsoluteFile();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // first start runs initdb; slow disks need more than the 10 s default
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (properties.embeddedPort() > 0) {
                builder.setPort(properties.embeddedPort());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL on port {} with data in {} (set SPRING_DATASOURCE_URL to use your own server)",
                    postgres.getPort(), dataDir);
            return postgres;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setPoolName("parley-embedded");
        return new HikariDataSource(config);
    }

    /**
     * @param embeddedDataDir where the embedded server keeps its data
     * @param embeddedPort fixed port for the embedded server, 0 for any free port
     */
    @ConfigurationProperties("parley.database")
    record DatabaseProperties(String embeddedDataDir, int embeddedPort) {
        DatabaseProperties {
            if (!StringUtils.hasText(embeddedDataDir)) {
                embeddedDataDir = "./data/postgres";
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
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
