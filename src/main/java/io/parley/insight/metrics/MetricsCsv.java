package io.parley.insight.metrics;

import java.util.Locale;

/** {@link MetricsSeries.Series} as CSV (RFC 4180, comma-separated, dot decimals, empty cells for "no value"). */
final class MetricsCsv {

    static final String HEADER = "bucket_start,conversations,bot_involved,bot_resolved_confirmed,bot_resolved_assumed,"
            + "bot_resolution_rate,handoffs,handoff_rate,first_response_median_seconds,resolution_median_seconds,"
            + "csat_count,csat_average,nps_responses,nps_score";

    private MetricsCsv() {
    }

    static String write(MetricsSeries.Series series) {
        StringBuilder csv = new StringBuilder(HEADER.length() + series.points().size() * 80).append(HEADER).append("\r\n");
        for (MetricsSeries.Point p : series.points()) {
            csv.append(p.start()).append(',').append(p.conversations()).append(',').append(p.botInvolved()).append(',')
                    .append(p.botResolvedConfirmed()).append(',').append(p.botResolvedAssumed()).append(',')
                    .append(number(p.botResolutionRate())).append(',').append(p.handoffs()).append(',')
                    .append(number(p.handoffRate())).append(',').append(number(p.firstResponseMedianSeconds())).append(',')
                    .append(number(p.resolutionMedianSeconds())).append(',').append(p.csatCount()).append(',')
                    .append(number(p.csatAverage())).append(',').append(p.npsResponses()).append(',')
                    .append(number(p.npsScore())).append("\r\n");
        }
        return csv.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
