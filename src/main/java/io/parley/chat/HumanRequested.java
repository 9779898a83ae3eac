package io.parley.chat;

import java.util.UUID;

/**
 * A conversation needs a person: the bot handed it over (or the customer asked). Published with the responder
 * already switched to human, so the bot is silent from here on; the handoff module queues and routes it.
 *
 * @param reason why: {@code customer_request}, {@code missing_knowledge}, {@code negative_feedback},
 *     {@code frustration}, or a sensitive topic's code such as {@code billing_dispute}
 * @param question the customer's last question, for the agent and the ticket subject
 */
public record HumanRequested(UUID conversationId, UUID customerId, String reason, String question) {
}
