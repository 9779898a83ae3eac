package io.parley.insight.nps;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer answered an NPS survey (published inside the transaction that stored the answer; the webhook outbox
 * writes its delivery in the same transaction).
 *
 * @param category promoter (9–10), passive (7–8) or detractor (0–6)
 */
public record NpsReceived(UUID responseId, UUID surveyId, UUID customerId, UUID conversationId, int score,
        String category, String comment, Instant at) {
}
