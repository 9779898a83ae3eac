package io.parley.insight.metrics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import io.parley.insight.InsightException;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/insights/metrics}: the support figures of a period (staff with the AGENT role). */
@RestController
class MetricsController {

    private final MetricsQuery query;
    private final InsightProperties properties;
    private final Clock clock;

    MetricsController(MetricsQuery query, InsightProperties properties, Clock clock) {
        this.query = query;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/insights/metrics")
    MetricsReport metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String locale, @RequestParam(required = false) String zone) {
        ZoneId zoneId = zone(zone);
        return query.report(ReportPeriod.parse(from, to, locale, zoneId, clock), zoneId);
    }

    private ZoneId zone(String zone) {
        if (!StringUtils.hasText(zone)) {
            return properties.metrics().zone();
        }
        try {
            return ZoneId.of(zone.strip());
        }
        catch (DateTimeException e) {
            throw InsightException.badRequest("invalid_zone", "Unknown time zone '" + zone + "' (use e.g. Europe/Berlin)");
        }
    }
}
