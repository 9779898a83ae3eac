package io.parley.insight.health;

import java.util.Map;

/**
 * The customers of one account (the {@code company} the host application sends) taken together: counts are sums,
 * the CSAT average is over all their ratings, {@code npsDetractors} counts customers whose latest answer was a
 * detractor, and the risk score is the sum of theirs.
 */
record AccountHealth(String account, long customers, long conversations, long tickets, long handoffs,
        long unresolvedTickets, CustomerHealth.Csat csat, long npsDetractors, long negativeFeedback,
        long repeatedContacts, double riskScore, boolean atRisk, Map<String, Double> scoreBreakdown) {
}
