package io.parley.insight.metrics;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.insight.InsightException;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The figures of {@link MetricsQuery} per day or week, for the admin dashboard's charts and the CSV export. Each
 * bucket's cohort is the conversations started in it (so a bucket's rates share one denominator, as in the report);
 * NPS is by the day the answer came in. Buckets without activity are present with zero counts and null rates.
 */
@Component
class MetricsSeries {

    static final int MAX_BUCKETS = 400;

    private final JdbcClient jdbc;
    private final InsightProperties properties;
    private final Clock clock;

    MetricsSeries(JdbcClient jdbc, InsightProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param botInvolved conversations the bot took part in; bot resolution rate = (confirmed + assumed) / botInvolved
     * @param npsScore 100 × (promoters − detractors) / responses
     */
    record Point(LocalDate start, long conversations, long botInvolved, long botResolvedConfirmed,
            long botResolvedAssumed, Double botResolutionRate, long handoffs, Double handoffRate,
            Double firstResponseMedianSeconds, Double resolutionMedianSeconds, long csatCount, Double csatAverage,
            long npsResponses, Double npsScore) {
    }

    record Series(Instant from, Instant to, String locale, String zone, String bucket, List<Point> points) {
    }

    Series series(ReportPeriod period, ZoneId zone, String bucket) {
        String unit = bucket == null || bucket.isBlank() ? "day" : bucket.strip().toLowerCase(Locale.ROOT);
        if (!unit.equals("day") && !unit.equals("week")) {
            throw InsightException.badRequest("invalid_bucket", "bucket must be day or week");
        }
        List<LocalDate> starts = starts(period, zone, unit);
        CohortSql sql = new CohortSql(period, zone, clock.instant().minus(properties.metrics().assumedResolutionAfter()));
        CohortSql.Params params = sql.params().withUnit(unit);
        String cohort = sql.cohort("conversation_id, date_trunc(:unit, started_at at time zone :zone)::date as b");
        Map<LocalDate, Outcomes> outcomes = byBucket(cohort + CohortSql.outcomes("c.b, ") + """
                select b, count(*) as conversations, count(*) filter (where bot) as bot_involved,
                  count(*) filter (where handed_off) as handoffs,
                  """ + CohortSql.CONFIRMED + " as confirmed, " + CohortSql.ASSUMED + " as assumed from f group by b", params,
                rs -> new Outcomes(rs.getLong("conversations"), rs.getLong("bot_involved"), rs.getLong("handoffs"),
                        rs.getLong("confirmed"), rs.getLong("assumed")));
        Map<LocalDate, Times> times = byBucket(cohort + """
                select c.b,
                  percentile_cont(0.5) within group (order by extract(epoch from (h.first_agent_reply_at - h.handed_off_at)))
                    filter (where h.first_agent_reply_at is not null) as first_response,
                  percentile_cont(0.5) within group (order by extract(epoch from (h.resolved_at - h.handed_off_at)))
                    filter (where h.resolved_at is not null) as resolution
                from insight_handoff h join c using (conversation_id) group by c.b""", params,
                rs -> new Times(rs.getObject("first_response", Double.class), rs.getObject("resolution", Double.class)));
        Map<LocalDate, Scores> csat = byBucket(cohort + """
                select c.b, count(*) as n, avg(r.score)::float8 as score
                from insight_rating r join c using (conversation_id) group by c.b""", params,
                rs -> new Scores(rs.getLong("n"), rs.getObject("score", Double.class)));
        Map<LocalDate, Scores> nps = byBucket("""
                select date_trunc(:unit, r.at at time zone :zone)::date as b, count(*) as n,
                  (100.0 * (count(*) filter (where r.score >= 9) - count(*) filter (where r.score <= 6)) / count(*))::float8 as score
                from insight_nps_response r join insight_nps_survey s on s.id = r.survey_id
                where r.at >= :from and r.at < :to""" + sql.locale("s.locale") + " group by 1", params,
                rs -> new Scores(rs.getLong("n"), rs.getObject("score", Double.class)));
        List<Point> points = new ArrayList<>(starts.size());
        for (LocalDate start : starts) {
            Outcomes o = outcomes.getOrDefault(start, Outcomes.NONE);
            Times t = times.getOrDefault(start, Times.NONE);
            Scores c = csat.getOrDefault(start, Scores.NONE);
            Scores n = nps.getOrDefault(start, Scores.NONE);
            points.add(new Point(start, o.conversations(), o.bot(), o.confirmed(), o.assumed(),
                    MetricsReport.rate(o.confirmed() + o.assumed(), o.bot()), o.handoffs(), MetricsReport.rate(o.handoffs(), o.conversations()),
                    t.firstResponse(), t.resolution(), c.count(), c.score(), n.count(), n.score()));
        }
        return new Series(period.from(), period.to(), period.locale(), zone.getId(), unit, points);
    }

    /** A bucket's conversations and their outcomes. */
    private record Outcomes(long conversations, long bot, long handoffs, long confirmed, long assumed) {
        static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0);
    }

    /** Median seconds from handoff to the first agent reply and to resolution. */
    private record Times(Double firstResponse, Double resolution) {
        static final Times NONE = new Times(null, null);
    }

    /** How many ratings (CSAT) or answers (NPS), and their average or score. */
    private record Scores(long count, Double score) {
        static final Scores NONE = new Scores(0, null);
    }

    private interface Row<T> {
        T map(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** The rows of {@code sql}, by their bucket (column {@code b}). */
    private <T> Map<LocalDate, T> byBucket(String sql, CohortSql.Params params, Row<T> row) {
        Map<LocalDate, T> rows = new HashMap<>();
        jdbc.sql(sql).paramSource(params).query((rs, n) -> rows.put(rs.getObject("b", LocalDate.class), row.map(rs))).list();
        return rows;
    }

    private static List<LocalDate> starts(ReportPeriod period, ZoneId zone, String unit) {
        LocalDate first = period.from().atZone(zone).toLocalDate();
        LocalDate last = period.to().minusNanos(1).atZone(zone).toLocalDate();
        if (unit.equals("week")) {
            first = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); // date_trunc('week') is ISO
        }
        long count = unit.equals("week") ? ChronoUnit.WEEKS.between(first, last) + 1 : ChronoUnit.DAYS.between(first, last) + 1;
        if (count > MAX_BUCKETS) {
            throw InsightException.badRequest("invalid_period", "The period has " + count + " " + unit
                    + "s; at most " + MAX_BUCKETS + " (use bucket=week or a shorter period)");
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = unit.equals("week") ? d.plusWeeks(1) : d.plusDays(1)) {
            starts.add(d);
        }
        return starts;
    }
}
