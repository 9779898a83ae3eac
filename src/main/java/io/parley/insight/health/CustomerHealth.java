package io.parley.insight.health;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Health signals of one customer (or, summed, one account) in a period, and the at-risk score computed from them.
 *
 * @param unresolvedTickets tickets open or pending now (created before the period's end)
 * @param repeatedContacts conversations about a topic the customer had already contacted about in the period
 * @param riskScore Σ weight × signal ({@code parley.insight.health.weights.*}); {@code scoreBreakdown} shows each term
 */
record CustomerHealth(UUID customerId, String name, String email, String company, long conversations, long tickets,
        long handoffs, long unresolvedTickets, Csat csat, Nps nps, long negativeFeedback, long repeatedContacts,
        List<String> repeatedTopics, double riskScore, boolean atRisk, Map<String, Double> scoreBreakdown) {

    /** @param low ratings of 1 or 2 */
    record Csat(long count, Double average, long low) {
    }

    /** The latest NPS answer in the period. */
    record Nps(int score, String category) {
    }
}
