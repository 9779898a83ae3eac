package io.parley.insight.metrics;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the figures of a period from insight's fact tables. The cohort is the conversations started in the
 * period (and locale); every figure is about that cohort, so rates always share one denominator.
 */
@Component
class MetricsQuery {

    private final JdbcClient jdbc;
    private final InsightProperties properties;
    private final Clock clock;

    MetricsQuery(JdbcClient jdbc, InsightProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    private record Counts(long started, long botInvolved, long handedOff, long contained, long confirmed, long assumed) {
    }

    MetricsReport report(ReportPeriod period, ZoneId zone) {
        CohortSql sql = new CohortSql(period, zone, clock.instant().minus(properties.metrics().assumedResolutionAfter()));
        CohortSql.Params params = sql.params();
        String cohort = sql.cohort("*");

        Counts counts = jdbc.sql(cohort + CohortSql.outcomes("") + """
                select count(*) as started,
                  count(*) filter (where bot) as bot_involved,
                  count(*) filter (where handed_off) as handed_off,
                  count(*) filter (where bot and not handed_off) as contained,
                  """ + CohortSql.CONFIRMED + " as confirmed, " + CohortSql.ASSUMED + " as assumed from f")
                .paramSource(params).query((rs, row) -> new Counts(rs.getLong("started"), rs.getLong("bot_involved"),
                        rs.getLong("handed_off"), rs.getLong("contained"), rs.getLong("confirmed"), rs.getLong("assumed")))
                .single();
        long started = counts.started();
        long botInvolved = counts.botInvolved();
        long handedOff = counts.handedOff();
        long botResolved = counts.confirmed() + counts.assumed();

        List<MetricsReport.Reason> reasons = new ArrayList<>();
        long handoffs = 0;
        for (Map.Entry<String, Long> entry : grouped(cohort + """
                select h.reason as k, count(*) as n from insight_handoff h join c using (conversation_id)
                group by h.reason order by n desc, h.reason""", params).entrySet()) {
            reasons.add(new MetricsReport.Reason(entry.getKey(), entry.getValue(), MetricsReport.rate(entry.getValue(), started)));
            handoffs += entry.getValue();
        }

        Map<String, Long> csat = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            csat.put(Integer.toString(score), 0L);
        }
        csat.putAll(grouped(cohort + """
                select r.score::text as k, count(*) as n from insight_rating r join c using (conversation_id)
                group by r.score""", params));
        long ratings = csat.values().stream().mapToLong(Long::longValue).sum();
        long scoreSum = csat.entrySet().stream().mapToLong(e -> Long.parseLong(e.getKey()) * e.getValue()).sum();

        Map<String, Long> feedback = grouped(cohort + """
                select fb.helpful::text as k, count(*) as n from insight_feedback fb join c using (conversation_id)
                group by fb.helpful""", params);

        return new MetricsReport(period.from(), period.to(), period.locale(), zone.getId(),
                new MetricsReport.Conversations(started, botInvolved, MetricsReport.rate(botInvolved, started)),
                new MetricsReport.BotResolution(counts.confirmed(), counts.assumed(), botResolved,
                        MetricsReport.rate(botResolved, botInvolved)),
                new MetricsReport.Automation(botResolved, MetricsReport.rate(botResolved, started),
                        counts.contained(), MetricsReport.rate(counts.contained(), started)),
                new MetricsReport.Handoffs(handedOff, handoffs, MetricsReport.rate(handedOff, started), reasons),
                durations(cohort, "first_agent_reply_at", params), durations(cohort, "resolved_at", params),
                new MetricsReport.Csat(ratings, ratings == 0 ? null : (double) scoreSum / ratings, csat),
                new MetricsReport.AnswerFeedback(feedback.getOrDefault("true", 0L), feedback.getOrDefault("false", 0L)),
                hours(cohort, params));
    }

    /** Seconds from handoff to {@code column}, over the cohort's handoffs that got there (percentile_cont). */
    private MetricsReport.Durations durations(String cohort, String column, CohortSql.Params params) {
        String seconds = "extract(epoch from (h." + column + " - h.handed_off_at))";
        return jdbc.sql(cohort + "select count(*) as n, percentile_cont(0.5) within group (order by " + seconds
                + ") as median, percentile_cont(0.9) within group (order by " + seconds + ") as p90"
                + " from insight_handoff h join c using (conversation_id) where h." + column + " is not null")
                .paramSource(params)
                .query((rs, row) -> new MetricsReport.Durations(rs.getLong("n"), (Double) rs.getObject("median", Double.class),
                        (Double) rs.getObject("p90", Double.class)))
                .single();
    }

    private List<MetricsReport.Hour> hours(String cohort, CohortSql.Params params) {
        Map<String, Long> conversations = grouped(cohort + """
                select extract(hour from c.started_at at time zone :zone)::int::text as k, count(*) as n from c
                group by 1""", params);
        Map<String, Long> messages = grouped(cohort + """
                select extract(hour from m.at at time zone :zone)::int::text as k, count(*) as n
                from insight_message m join c using (conversation_id)
                where m.author_type = 'customer' and m.at >= :from and m.at < :to group by 1""", params);
        List<MetricsReport.Hour> hours = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            String key = Integer.toString(hour);
            hours.add(new MetricsReport.Hour(hour, conversations.getOrDefault(key, 0L), messages.getOrDefault(key, 0L)));
        }
        return hours;
    }

    private Map<String, Long> grouped(String sql, CohortSql.Params params) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql(sql).paramSource(params).query((rs, row) -> result.put(rs.getString("k"), rs.getLong("n"))).list();
        return result;
    }
}
