package io.parley.insight.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.stereotype.Component;

/**
 * Prometheus gauges of the main figures over the rolling window {@code parley.insight.metrics.gauge-window}. A
 * scrape computes the report at most once per {@link #FRESH_FOR}, whatever the number of gauges; NaN means "no
 * data" (the rate's denominator is zero).
 */
@Component
class MetricsGauges {

    private static final Duration FRESH_FOR = Duration.ofSeconds(15);

    private final MetricsQuery query;
    private final InsightProperties properties;
    private final Clock clock;
    private MetricsReport cached;
    private Instant cachedAt = Instant.MIN;

    MetricsGauges(MetricsQuery query, InsightProperties properties, Clock clock, MeterRegistry registry) {
        this.query = query;
        this.properties = properties;
        this.clock = clock;
        gauge(registry, "parley.insight.window.conversations", "Conversations started in the gauge window",
                r -> r.conversations().started());
        gauge(registry, "parley.insight.window.bot.resolution.rate", "Bot resolution rate (confirmed + assumed) / bot-involved",
                r -> value(r.botResolution().rate()));
        gauge(registry, "parley.insight.window.automation.rate", "Automation rate: bot-resolved / started",
                r -> value(r.automation().rate()));
        gauge(registry, "parley.insight.window.handoff.rate", "Conversations handed off / started",
                r -> value(r.handoffs().rate()));
        gauge(registry, "parley.insight.window.first.response.median.seconds", "Median human first response time",
                r -> value(r.firstResponse().medianSeconds()));
        gauge(registry, "parley.insight.window.resolution.median.seconds", "Median time from handoff to resolution",
                r -> value(r.resolution().medianSeconds()));
        gauge(registry, "parley.insight.window.csat.average", "Average CSAT (1-5)", r -> value(r.csat().average()));
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<MetricsReport> figure) {
        Gauge.builder(name, this, gauges -> figure.applyAsDouble(gauges.current())).description(description)
                .register(registry);
    }

    synchronized MetricsReport current() {
        Instant now = clock.instant();
        if (cached == null || cachedAt.plus(FRESH_FOR).isBefore(now) || cachedAt.isAfter(now)) {
            cached = query.report(new ReportPeriod(now.minus(properties.metrics().gaugeWindow()), now, null),
                    properties.metrics().zone());
            cachedAt = now;
        }
        return cached;
    }

    private static double value(Double value) {
        return value == null ? Double.NaN : value;
    }
}
