package io.parley.insight.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one period (docs/API.md explains each). Rates are fractions (0.25 = 25 %), null when their
 * denominator is zero; durations are seconds, null when nothing was measured.
 */
record MetricsReport(Instant from, Instant to, String locale, String zone, Conversations conversations,
        BotResolution botResolution, Automation automation, Handoffs handoffs, Durations firstResponse,
        Durations resolution, Csat csat, AnswerFeedback answerFeedback, List<Hour> busiestHours) {

    record Conversations(long started, long botInvolved, Double botInvolvementRate) {
    }

    record BotResolution(long confirmed, long assumed, long total, Double rate) {
    }

    record Automation(long automated, Double rate, long contained, Double containmentRate) {
    }

    record Handoffs(long conversations, long total, Double rate, List<Reason> byReason) {
    }

    record Reason(String reason, long count, Double rate) {
    }

    record Durations(long count, Double medianSeconds, Double p90Seconds) {
    }

    record Csat(long count, Double average, Map<String, Long> distribution) {
    }

    record AnswerFeedback(long helpful, long unhelpful) {
    }

    record Hour(int hour, long conversations, long customerMessages) {
    }

    static Double rate(long count, long of) {
        return of == 0 ? null : (double) count / of;
    }
}
