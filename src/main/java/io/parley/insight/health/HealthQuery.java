package io.parley.insight.health;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.parley.customer.Customer;
import io.parley.customer.Customers;
import io.parley.insight.InsightProperties;
import io.parley.insight.ReportPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customer health from insight's fact tables: one query gathers every signal of every customer active in the
 * period (or of one customer), the score is applied here, and names and accounts come from the customer module.
 */
@Component
class HealthQuery {

    /** Handoff reasons that say nothing about the subject: they do not make a topic. */
    private static final String NOT_A_TOPIC = "('customer_request', 'unspecified', 'agent_initiated')";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final InsightProperties.Health settings;

    HealthQuery(JdbcClient jdbc, Customers customers, InsightProperties properties) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.settings = properties.health();
    }

    /** The query's named parameters; {@code customer} is null (and not used) for all customers. */
    record Params(Timestamp from, Timestamp to, UUID customer) {
    }

    List<CustomerHealth> customers(ReportPeriod period, UUID only) {
        Params params = new Params(Timestamp.from(period.from()), Timestamp.from(period.to()), only);
        String onlyFilter = only == null ? "" : " and customer_id = :customer";
        List<Signals> rows = jdbc.sql("""
                with p_conv as (select customer_id, count(*) as n from insight_conversation
                                where started_at >= :from and started_at < :to group by 1),
                p_tickets as (select customer_id, count(*) as n from insight_ticket
                              where created_at >= :from and created_at < :to group by 1),
                unresolved as (select customer_id, count(*) as n from insight_ticket
                               where status in ('open', 'pending') and created_at < :to group by 1),
                handoffs as (select c.customer_id, count(*) as n from insight_handoff h
                             join insight_conversation c using (conversation_id)
                             where h.handed_off_at >= :from and h.handed_off_at < :to group by 1),
                csat as (select customer_id, count(*) as n, avg(score)::float8 as average,
                                count(*) filter (where score <= 2) as low
                         from insight_rating where at >= :from and at < :to group by 1),
                nps as (select distinct on (customer_id) customer_id, score from insight_nps_response
                        where at >= :from and at < :to order by customer_id, at desc),
                negative as (select c.customer_id, count(*) as n from insight_feedback f
                             join insight_conversation c using (conversation_id)
                             where not f.helpful and f.at >= :from and f.at < :to group by 1),
                topics as (select c.customer_id, coalesce(
                               (select 'article:' || m.article_id from insight_message m
                                where m.conversation_id = c.conversation_id and m.article_id is not null
                                order by m.at, m.seq limit 1),
                               (select 'reason:' || h.reason from insight_handoff h
                                where h.conversation_id = c.conversation_id and h.reason not in """ + NOT_A_TOPIC + """
                                order by h.handed_off_at limit 1)) as topic
                           from insight_conversation c where c.started_at >= :from and c.started_at < :to),
                repeats as (select customer_id, sum(n - 1)::bigint as n, array_agg(topic order by topic) as topics
                            from (select customer_id, topic, count(*) as n from topics where topic is not null
                                  group by 1, 2 having count(*) > 1) t group by 1),
                ids as (select customer_id from (
                          select customer_id from p_conv union select customer_id from p_tickets
                          union select customer_id from unresolved union select customer_id from csat
                          union select customer_id from nps) u where customer_id is not null""" + onlyFilter + """
                )
                select ids.customer_id, coalesce(p_conv.n, 0) as conversations, coalesce(p_tickets.n, 0) as tickets,
                       coalesce(handoffs.n, 0) as handoffs, coalesce(unresolved.n, 0) as unresolved,
                       coalesce(csat.n, 0) as csat_count, csat.average as csat_average, coalesce(csat.low, 0) as csat_low,
                       nps.score as nps_score, coalesce(negative.n, 0) as negative, coalesce(repeats.n, 0) as repeats,
                       repeats.topics as repeated_topics
                from ids left join p_conv using (customer_id) left join p_tickets using (customer_id)
                left join unresolved using (customer_id) left join handoffs using (customer_id)
                left join csat using (customer_id) left join nps using (customer_id)
                left join negative using (customer_id) left join repeats using (customer_id)""")
                .paramSource(params)
                .query((rs, row) -> new Signals(rs.getObject("customer_id", UUID.class), rs.getLong("conversations"),
                        rs.getLong("tickets"), rs.getLong("handoffs"), rs.getLong("unresolved"), rs.getLong("csat_count"),
                        (Double) rs.getObject("csat_average"), rs.getLong("csat_low"), (Integer) rs.getObject("nps_score"),
                        rs.getLong("negative"), rs.getLong("repeats"), rs.getArray("repeated_topics") == null ? List.of()
                                : Arrays.asList((String[]) rs.getArray("repeated_topics").getArray())))
                .list();
        Map<UUID, Customer> known = customers.findAll(rows.stream().map(Signals::customerId).toList());
        List<CustomerHealth> result = new ArrayList<>();
        for (Signals s : rows) {
            Customer customer = known.get(s.customerId());
            String category = s.npsScore() == null ? null : s.npsScore() >= 9 ? "promoter" : s.npsScore() >= 7 ? "passive" : "detractor";
            Map<String, Double> breakdown = HealthScore.breakdown(settings.weights(), s.conversations(), s.handoffs(),
                    s.unresolved(), s.csatLow(), "detractor".equals(category) ? 1 : 0, s.negative(), s.repeats());
            double score = HealthScore.total(breakdown);
            result.add(new CustomerHealth(s.customerId(), customer == null ? null : customer.name(),
                    customer == null ? null : customer.email(), customer == null ? null : customer.company(),
                    s.conversations(), s.tickets(), s.handoffs(), s.unresolved(),
                    new CustomerHealth.Csat(s.csatCount(), s.csatAverage(), s.csatLow()),
                    s.npsScore() == null ? null : new CustomerHealth.Nps(s.npsScore(), category), s.negative(), s.repeats(),
                    s.repeatedTopics(), score, score >= settings.atRiskThreshold(), breakdown));
        }
        return result;
    }

    /** Customers at or above the threshold, highest score first (ties: more conversations first, then id). */
    List<CustomerHealth> atRisk(ReportPeriod period, Integer limit) {
        return customers(period, null).stream().filter(CustomerHealth::atRisk)
                .sorted(Comparator.comparingDouble(CustomerHealth::riskScore).reversed()
                        .thenComparing(Comparator.comparingLong(CustomerHealth::conversations).reversed())
                        .thenComparing(h -> h.customerId().toString()))
                .limit(limit(limit)).toList();
    }

    /** Every account with activity in the period; customers without an account are left out. */
    List<AccountHealth> accounts(ReportPeriod period) {
        Map<String, List<CustomerHealth>> byAccount = new TreeMap<>();
        for (CustomerHealth health : customers(period, null)) {
            if (health.company() != null) {
                byAccount.computeIfAbsent(health.company(), a -> new ArrayList<>()).add(health);
            }
        }
        List<AccountHealth> accounts = new ArrayList<>();
        byAccount.forEach((account, members) -> accounts.add(account(account, members)));
        return accounts;
    }

    List<AccountHealth> accountsAtRisk(ReportPeriod period, Integer limit) {
        return accounts(period).stream().filter(AccountHealth::atRisk)
                .sorted(Comparator.comparingDouble(AccountHealth::riskScore).reversed().thenComparing(AccountHealth::account))
                .limit(limit(limit)).toList();
    }

    private AccountHealth account(String account, List<CustomerHealth> members) {
        long ratings = members.stream().mapToLong(m -> m.csat().count()).sum();
        double ratingSum = members.stream().filter(m -> m.csat().average() != null)
                .mapToDouble(m -> m.csat().average() * m.csat().count()).sum();
        Map<String, Double> breakdown = new LinkedHashMap<>();
        members.forEach(m -> m.scoreBreakdown().forEach((term, value) -> breakdown.merge(term, value, Double::sum)));
        double score = members.stream().mapToDouble(CustomerHealth::riskScore).sum();
        return new AccountHealth(account, members.size(), sum(members, CustomerHealth::conversations),
                sum(members, CustomerHealth::tickets), sum(members, CustomerHealth::handoffs),
                sum(members, CustomerHealth::unresolvedTickets),
                new CustomerHealth.Csat(ratings, ratings == 0 ? null : ratingSum / ratings, sum(members, m -> m.csat().low())),
                members.stream().filter(m -> m.nps() != null && "detractor".equals(m.nps().category())).count(),
                sum(members, CustomerHealth::negativeFeedback), sum(members, CustomerHealth::repeatedContacts), score,
                score >= settings.atRiskThreshold(), breakdown);
    }

    private int limit(Integer limit) {
        return limit == null || limit <= 0 ? settings.atRiskLimit() : Math.min(limit, settings.atRiskLimit());
    }

    private static long sum(List<CustomerHealth> members, java.util.function.ToLongFunction<CustomerHealth> value) {
        return members.stream().mapToLong(value).sum();
    }

    private record Signals(UUID customerId, long conversations, long tickets, long handoffs, long unresolved,
            long csatCount, Double csatAverage, long csatLow, Integer npsScore, long negative, long repeats,
            List<String> repeatedTopics) {
    }
}
