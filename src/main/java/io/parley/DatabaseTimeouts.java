package io.parley;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Short waits while the database is away: a caller (a STOMP frame, a REST request, a listener) that cannot get a
 * connection within {@code parley.database.connection-timeout} (default 3 s) fails with the retryable
 * {@code unavailable} instead of holding an inbound thread for Hikari's default 30 s; new connections give up as
 * quickly (pgjdbc's connect and login timeouts). Applies to every Hikari pool, the embedded server's and Boot's.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTimeouts {

    static final Duration DEFAULT = Duration.ofSeconds(3);

    @Bean
    static BeanPostProcessor databaseTimeoutsPostProcessor(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && !hikari.isRunning()) {
                    apply(hikari, Binder.get(environment).bind("parley.database.connection-timeout", Duration.class)
                            .orElse(DEFAULT));
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
}
