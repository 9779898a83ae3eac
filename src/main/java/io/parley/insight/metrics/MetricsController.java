package io.parley.insight.metrics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import java.nio.charset.StandardCharsets;

import io.parley.insight.InsightException;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/insights/metrics[/series[.csv]]}: the support figures of a period, whole or per day or week (AGENT). */
@RestController
class MetricsController {

    private final MetricsQuery query;
    private final MetricsSeries series;
    private final InsightProperties properties;
    private final Clock clock;

    MetricsController(MetricsQuery query, MetricsSeries series, InsightProperties properties, Clock clock) {
        this.query = query;
        this.series = series;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/insights/metrics")
    MetricsReport metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String locale, @RequestParam(required = false) String zone) {
        ZoneId zoneId = zone(zone);
        return query.report(ReportPeriod.parse(from, to, locale, zoneId, clock), zoneId);
    }

    /** The figures per day or week ({@code bucket}), for charts. */
    @GetMapping("/api/insights/metrics/series")
    MetricsSeries.Series series(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String locale, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String bucket) {
        ZoneId zoneId = zone(zone);
        return series.series(ReportPeriod.parse(from, to, locale, zoneId, clock), zoneId, bucket);
    }

    /** The same series as a CSV file (one row per bucket, a header row first) for spreadsheets. */
    @GetMapping(value = "/api/insights/metrics/series.csv", produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String locale, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String bucket) {
        MetricsSeries.Series result = series(from, to, locale, zone, bucket);
        String name = "parley-insights-" + result.from().atZone(ZoneId.of(result.zone())).toLocalDate() + "-"
                + result.to().minusNanos(1).atZone(ZoneId.of(result.zone())).toLocalDate() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(MetricsCsv.write(result));
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
