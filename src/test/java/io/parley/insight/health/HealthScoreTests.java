package io.parley.insight.health;

import java.util.Map;

import io.parley.insight.InsightProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthScoreTests {

    @Test
    void eachSignalTimesItsWeight() {
        InsightProperties.Weights weights = new InsightProperties.Weights(0.5, 3.0, null, null, 0.0, null, 0.25);
        Map<String, Double> terms = HealthScore.breakdown(weights, 4, 2, 1, 1, 1, 7, 2);
        assertThat(terms).containsEntry("conversations", 1.0).containsEntry("handoffs", 1.0)
                .containsEntry("unresolvedTickets", 3.0).containsEntry("lowCsat", 3.0)
                .containsEntry("npsDetractor", 4.0).containsEntry("negativeFeedback", 0.0)
                .containsEntry("repeatedContacts", 4.0);
        assertThat(HealthScore.total(terms)).isEqualTo(16.0);
    }
}
