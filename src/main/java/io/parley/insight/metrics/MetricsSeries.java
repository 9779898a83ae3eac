package io.parley.insight.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(period.from()));
        params.put("to", Timestamp.from(period.to()));
        params.put("zone", zone.getId());
        params.put("unit", unit);
        params.put("cutoff", Timestamp.from(clock.instant().minus(properties.metrics().assumedResolutionAfter())));
        String locale = "";
        if (period.locale() != null) {
            params.put("locale", period.locale());
            params.put("localePrefix", period.locale() + "-%");
            locale = " and (locale ilike :locale or locale ilike :localePrefix)";
        }
        String cohort = "with c as (select conversation_id, date_trunc(:unit, started_at at time zone :zone)::date as b "
                + "from insight_conversation where started_at >= :from and started_at < :to" + locale + ") ";
        Map<LocalDate, Map<String, Object>> rows = new HashMap<>();
        collect(rows, cohort + """
                , f as (select c.b, c.conversation_id,
                    exists (select 1 from insight_message m where m.conversation_id = c.conversation_id
                            and m.author_type = 'bot') as bot,
                    exists (select 1 from insight_handoff h where h.conversation_id = c.conversation_id) as handed_off,
                    exists (select 1 from insight_feedback fb where fb.conversation_id = c.conversation_id and fb.helpful)
                      or exists (select 1 from insight_resolution r where r.conversation_id = c.conversation_id
                                 and r.by_bot) as confirmed,
                    (select max(m.at) from insight_message m where m.conversation_id = c.conversation_id
                            and m.author_type = 'bot' and m.kind = 'answer') as last_answer,
                    (select max(m.at) from insight_message m where m.conversation_id = c.conversation_id
                            and m.author_type = 'customer') as last_customer
                  from c)
                select b, count(*) as conversations, count(*) filter (where bot) as bot_involved,
                  count(*) filter (where handed_off) as handoffs,
                  count(*) filter (where confirmed and not handed_off) as confirmed,
                  count(*) filter (where not confirmed and not handed_off and last_answer is not null
                                   and last_answer <= :cutoff
                                   and (last_customer is null or last_customer <= last_answer)) as assumed
                from f group by b""", params);
        collect(rows, cohort + """
                select c.b,
                  percentile_cont(0.5) within group (order by extract(epoch from (h.first_agent_reply_at - h.handed_off_at)))
                    filter (where h.first_agent_reply_at is not null) as first_response,
                  percentile_cont(0.5) within group (order by extract(epoch from (h.resolved_at - h.handed_off_at)))
                    filter (where h.resolved_at is not null) as resolution
                from insight_handoff h join c using (conversation_id) group by c.b""", params);
        collect(rows, cohort + """
                select c.b, count(*) as csat_count, avg(r.score)::float8 as csat_average
                from insight_rating r join c using (conversation_id) group by c.b""", params);
        collect(rows, """
                select date_trunc(:unit, r.at at time zone :zone)::date as b, count(*) as nps_responses,
                  100.0 * (count(*) filter (where r.score >= 9) - count(*) filter (where r.score <= 6)) / count(*) as nps
                from insight_nps_response r join insight_nps_survey s on s.id = r.survey_id
                where r.at >= :from and r.at < :to""" + (period.locale() == null ? ""
                : " and (s.locale ilike :locale or s.locale ilike :localePrefix)") + " group by 1", params);
        List<Point> points = new ArrayList<>(starts.size());
        for (LocalDate start : starts) {
            Map<String, Object> r = rows.getOrDefault(start, Map.of());
            long conversations = count(r, "conversations");
            long bot = count(r, "bot_involved");
            long confirmed = count(r, "confirmed");
            long assumed = count(r, "assumed");
            long handoffs = count(r, "handoffs");
            points.add(new Point(start, conversations, bot, confirmed, assumed, MetricsReport.rate(confirmed + assumed, bot),
                    handoffs, MetricsReport.rate(handoffs, conversations), number(r, "first_response"),
                    number(r, "resolution"), count(r, "csat_count"), number(r, "csat_average"), count(r, "nps_responses"),
                    number(r, "nps")));
        }
        return new Series(period.from(), period.to(), period.locale(), zone.getId(), unit, points);
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

    private void collect(Map<LocalDate, Map<String, Object>> rows, String sql, Map<String, Object> params) {
        jdbc.sql(sql).params(params).query((rs, n) -> {
            Map<String, Object> row = rows.computeIfAbsent(rs.getObject("b", LocalDate.class), k -> new LinkedHashMap<>());
            for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return null;
        }).list();
    }

    private static long count(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }

    private static Double number(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.doubleValue() : null;
    }
}
