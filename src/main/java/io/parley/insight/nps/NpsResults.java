package io.parley.insight.nps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.customer.Customer;
import io.parley.customer.Customers;
import io.parley.insight.InsightException;
import io.parley.insight.ReportPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** NPS per period (answers given in it) and the detractors the team should follow up. */
@Component
class NpsResults {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Clock clock;

    NpsResults(JdbcClient jdbc, Customers customers, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * @param score 100 × (promoters − detractors) / responses, null without responses
     * @param responseRate answers / surveys sent, both counted in the period
     */
    record Summary(Instant from, Instant to, String locale, long surveysSent, long responses, Double responseRate,
            long promoters, long passives, long detractors, Double score) {
    }

    record Detractor(UUID responseId, UUID surveyId, UUID customerId, String customerName, String customerEmail,
            String company, UUID conversationId, int score, String comment, Instant at, Instant followedUpAt,
            String followedUpBy, String followUpNote) {
    }

    Summary summary(ReportPeriod period) {
        Params params = Params.of(period);
        String locale = localeFilter(period);
        long sent = jdbc.sql("select count(*) from insight_nps_survey s where s.sent_at >= :from and s.sent_at < :to" + locale)
                .paramSource(params).query(Long.class).single();
        Map<String, Long> buckets = new HashMap<>();
        jdbc.sql("""
                select case when r.score >= 9 then 'promoter' when r.score >= 7 then 'passive' else 'detractor' end as k,
                       count(*) as n
                from insight_nps_response r join insight_nps_survey s on s.id = r.survey_id
                where r.at >= :from and r.at < :to""" + locale + " group by 1")
                .paramSource(params).query((rs, row) -> buckets.put(rs.getString("k"), rs.getLong("n"))).list();
        long promoters = buckets.getOrDefault(NpsCategory.PROMOTER, 0L);
        long passives = buckets.getOrDefault(NpsCategory.PASSIVE, 0L);
        long detractors = buckets.getOrDefault(NpsCategory.DETRACTOR, 0L);
        long responses = promoters + passives + detractors;
        return new Summary(period.from(), period.to(), period.locale(), sent, responses,
                sent == 0 ? null : (double) responses / sent, promoters, passives, detractors,
                responses == 0 ? null : 100.0 * (promoters - detractors) / responses);
    }

    /** @param followedUp true: only handled ones, false: only open ones, null: all; newest first */
    List<Detractor> detractors(ReportPeriod period, Boolean followedUp) {
        Params params = Params.of(period);
        String filter = localeFilter(period);
        if (followedUp != null) {
            filter += followedUp ? " and r.followed_up_at is not null" : " and r.followed_up_at is null";
        }
        List<Detractor> rows = jdbc.sql("""
                select r.*, s.conversation_id from insight_nps_response r join insight_nps_survey s on s.id = r.survey_id
                where r.score <= 6 and r.at >= :from and r.at < :to""" + filter + " order by r.at desc limit 500")
                .paramSource(params).query((rs, row) -> new Detractor(rs.getObject("id", UUID.class),
                        rs.getObject("survey_id", UUID.class), rs.getObject("customer_id", UUID.class), null, null, null,
                        rs.getObject("conversation_id", UUID.class), rs.getInt("score"), rs.getString("comment"),
                        rs.getTimestamp("at").toInstant(), instant(rs.getTimestamp("followed_up_at")),
                        rs.getString("followed_up_by"), rs.getString("follow_up_note")))
                .list();
        Map<UUID, Customer> known = customers.findAll(rows.stream().map(Detractor::customerId).distinct().toList());
        return rows.stream().map(d -> {
            Customer c = known.get(d.customerId());
            return c == null ? d : new Detractor(d.responseId(), d.surveyId(), d.customerId(), c.name(), c.email(),
                    c.company(), d.conversationId(), d.score(), d.comment(), d.at(), d.followedUpAt(), d.followedUpBy(),
                    d.followUpNote());
        }).toList();
    }

    /** Marks a response as followed up (by whom, when, with an optional note); doing it again updates the note. */
    @Transactional
    void followUp(UUID responseId, String staff, String note) {
        if (note != null && note.length() > 2000) {
            throw InsightException.badRequest("follow_up_note_too_long", "note is longer than 2000 characters");
        }
        int updated = jdbc.sql("""
                update insight_nps_response set followed_up_at = coalesce(followed_up_at, ?), followed_up_by = ?,
                    follow_up_note = ? where id = ?""")
                .params(Timestamp.from(clock.instant()), staff, StringUtils.hasText(note) ? note.strip() : null, responseId)
                .update();
        if (updated == 0) {
            throw InsightException.notFound("nps_response_not_found", "Unknown NPS response " + responseId);
        }
    }

    /** The queries' named parameters; the locale ones are null (and not used) without a locale filter. */
    record Params(Timestamp from, Timestamp to, String locale, String localePrefix) {

        static Params of(ReportPeriod period) {
            return new Params(Timestamp.from(period.from()), Timestamp.from(period.to()), period.locale(),
                    period.locale() == null ? null : period.locale() + "-%");
        }
    }

    private static String localeFilter(ReportPeriod period) {
        return period.locale() == null ? "" : " and (s.locale ilike :locale or s.locale ilike :localePrefix)";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
