package io.parley.insight;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.parley.ParleyIntegrationTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with a settable clock and the bot switched off (scenarios script every bot message
 * themselves), and fast webhook retries. All insight integration tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParleyIntegrationTest
@Import(InsightIntegrationTest.ClockConfiguration.class)
@TestPropertySource(properties = {
        "parley.assistant.enabled=false",
        "parley.insight.webhooks.poll-interval=100ms",
        "parley.insight.webhooks.initial-backoff=200ms",
        "parley.insight.webhooks.backoff-multiplier=2",
        "parley.insight.webhooks.timeout=2s",
        // the test receivers listen on localhost, which production refuses as an internal address
        "parley.insight.webhooks.allow-private-targets=true",
        "parley.insight.nps.touchpoints=rated,agent_resolved,bot_resolved",
        "parley.insight.nps.min-interval=30d" })
public @interface InsightIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    class ClockConfiguration {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
