package io.parley;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.core.DatabaseCircuit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Short waits while the database is away: a caller (a STOMP frame, a REST request, a listener) that cannot get a
 * connection within {@code parley.database.connection-timeout} (default 3 s) fails with the retryable
 * {@code unavailable} instead of holding an inbound thread for Hikari's default 30 s; new connections give up as
 * quickly (pgjdbc's connect and login timeouts). Once one caller has found the server unreachable, the
 * {@link DatabaseCircuit} makes the others fail at once for {@code parley.database.circuit-open-for} instead of each
 * waiting that timeout. Applies to every pool, the embedded server's and Boot's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.DatabaseProperties.class)
class DatabaseTimeouts {

    static final Duration DEFAULT = Duration.ofSeconds(3);

    @Bean
    DatabaseCircuit databaseCircuit(EmbeddedDatabaseConfiguration.DatabaseProperties properties) {
        return new DatabaseCircuit(properties.circuitOpenFor());
    }

    @Bean
    static BeanPostProcessor databaseTimeoutsPostProcessor(Environment environment, ObjectProvider<DatabaseCircuit> circuit) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && !hikari.isRunning()) {
                    apply(hikari, Binder.get(environment).bind("parley.database.connection-timeout", Duration.class)
                            .orElse(DEFAULT));
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // every user of the pool (JDBC templates, transactions, Flyway, the event registry, health) goes
                // through the circuit; Boot's pool metrics still find the Hikari pool behind it (DelegatingDataSource)
                if (bean instanceof HikariDataSource hikari) {
                    return new CircuitBreakingDataSource(hikari, circuit.getObject());
                }
                return bean;
            }
        };
    }

    static void apply(HikariConfig config, Duration timeout) {
        long millis = Math.max(250, timeout.toMillis());
        config.setConnectionTimeout(millis);
        // a validation may not take longer than the whole wait
        config.setValidationTimeout(Math.max(250, Math.min(config.getValidationTimeout(), millis - 1)));
        long seconds = Math.max(1, (millis + 999) / 1000);
        config.addDataSourceProperty("connectTimeout", Long.toString(seconds));
        config.addDataSourceProperty("loginTimeout", Long.toString(seconds));
    }

    /** The pool behind the circuit: refused at once while it is open, and every attempt's outcome reported to it. */
    static final class CircuitBreakingDataSource extends DelegatingDataSource implements AutoCloseable {

        private final HikariDataSource pool;
        private final DatabaseCircuit circuit;

        CircuitBreakingDataSource(HikariDataSource pool, DatabaseCircuit circuit) {
            super(pool);
            this.pool = pool;
            this.circuit = circuit;
        }

        @Override
        public Connection getConnection() throws SQLException {
            refuseWhileOpen();
            try {
                Connection connection = pool.getConnection();
                circuit.succeeded();
                return connection;
            }
            catch (SQLException e) {
                circuit.failed(e);
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            refuseWhileOpen();
            try {
                Connection connection = pool.getConnection(username, password);
                circuit.succeeded();
                return connection;
            }
            catch (SQLException e) {
                circuit.failed(e);
                throw e;
            }
        }

        private void refuseWhileOpen() throws SQLTransientConnectionException {
            if (!circuit.allowsAttempt()) {
                // SQLSTATE 08001 (unable to connect): Spring and io.parley.core.Unavailable read it as `unavailable`
                throw new SQLTransientConnectionException(
                        "The database is unreachable; not trying again for a moment (parley.database.circuit-open-for)",
                        "08001");
            }
        }

        /** The context closes the pool through this wrapper (its inferred destroy method). */
        @Override
        public void close() {
            pool.close();
        }
    }
}
