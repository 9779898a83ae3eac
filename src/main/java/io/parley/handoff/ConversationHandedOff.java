package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

/**
 * The bot handed a conversation to people (BOT → QUEUED); the ticket module opens a ticket for it.
 *
 * @param reason the handoff reason code (customer_request, missing_knowledge, billing_dispute, ...)
 * @param question the customer's last question
 * @param outOfHours true when no team was open, so the customer was asked for an email address
 */
public record ConversationHandedOff(UUID conversationId, UUID customerId, String locale, String reason,
        String question, boolean outOfHours, Instant at) {
}
