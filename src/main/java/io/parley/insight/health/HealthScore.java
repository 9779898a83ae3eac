package io.parley.insight.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.parley.insight.InsightProperties;

/** The documented at-risk score: Σ weight × signal, with each term kept for the breakdown. */
final class HealthScore {

    private HealthScore() {
    }

    static Map<String, Double> breakdown(InsightProperties.Weights weights, long conversations, long handoffs,
            long unresolvedTickets, long lowCsat, long npsDetractor, long negativeFeedback, long repeatedContacts) {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("conversations", weights.conversation() * conversations);
        terms.put("handoffs", weights.handoff() * handoffs);
        terms.put("unresolvedTickets", weights.unresolvedTicket() * unresolvedTickets);
        terms.put("lowCsat", weights.lowCsat() * lowCsat);
        terms.put("npsDetractor", weights.npsDetractor() * npsDetractor);
        terms.put("negativeFeedback", weights.negativeFeedback() * negativeFeedback);
        terms.put("repeatedContacts", weights.repeatedContact() * repeatedContacts);
        return terms;
    }

    static double total(Map<String, Double> breakdown) {
        return breakdown.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
