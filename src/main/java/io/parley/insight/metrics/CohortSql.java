package io.parley.insight.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;

import io.parley.insight.ReportPeriod;

/**
 * The SQL the report ({@link MetricsQuery}) and the charts ({@link MetricsSeries}) share, so that a figure means the
 * same in both: the cohort (conversations started in the period, in the locale or one of its regional variants),
 * each cohort conversation's outcome, and the rules of "resolved by the bot" (confirmed, or assumed once the bot's
 * last answer is {@code assumed-resolution-after} old with no customer message after it).
 */
final class CohortSql {

    static final String CONFIRMED = "count(*) filter (where confirmed and not handed_off)";
    static final String ASSUMED = """
            count(*) filter (where not confirmed and not handed_off and last_answer is not null
                             and last_answer <= :cutoff
                             and (last_customer is null or last_customer <= last_answer))""";

    private final Params params;
    private final boolean byLocale;

    CohortSql(ReportPeriod period, ZoneId zone, Instant assumedCutoff) {
        byLocale = period.locale() != null;
        params = new Params(Timestamp.from(period.from()), Timestamp.from(period.to()), Timestamp.from(assumedCutoff),
                zone.getId(), period.locale(), byLocale ? period.locale() + "-%" : null, null);
    }

    /**
     * The named parameters of every statement built here ({@code JdbcClient.paramSource}).
     *
     * @param locale null (and not used) without a locale filter, like {@code localePrefix}
     * @param unit the chart's bucket ({@code day} or {@code week}); null for the report, which has none
     */
    record Params(Timestamp from, Timestamp to, Timestamp cutoff, String zone, String locale, String localePrefix,
            String unit) {

        Params withUnit(String bucket) {
            return new Params(from, to, cutoff, zone, locale, localePrefix, bucket);
        }
    }

    Params params() {
        return params;
    }

    /** {@code with c as (select <columns> from insight_conversation ...)}, the cohort, with a trailing space. */
    String cohort(String columns) {
        return "with c as (select " + columns + " from insight_conversation where started_at >= :from and started_at < :to"
                + locale("locale") + ") ";
    }

    /** The locale filter on {@code column} (empty without a locale). */
    String locale(String column) {
        return byLocale ? " and (" + column + " ilike :locale or " + column + " ilike :localePrefix)" : "";
    }

    /**
     * {@code , f as (...)}: per cohort conversation whether the bot took part, whether it was handed off, whether the
     * bot's help was confirmed, and the times of the bot's last answer and the customer's last message; {@code carried}
     * are more columns of {@code c} to keep (with a trailing comma), e.g. {@code "c.b, "}.
     */
    static String outcomes(String carried) {
        return """
                , f as (select %sc.conversation_id,
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
                """.formatted(carried);
    }
}
