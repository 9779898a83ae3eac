package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A thread between one customer and the support side (bot or agents).
 *
 * @param lastSeq seq of the newest message, 0 when empty
 * @param customerReadSeq the customer has read everything up to this seq
 * @param agentReadSeq the support side has read everything up to this seq
 * @param responder who answers the customer now: the bot, or a human (queued or assigned)
 */
public record Conversation(UUID id, UUID customerId, String subject, String locale, long lastSeq,
        long customerReadSeq, long agentReadSeq, Instant createdAt, Instant lastMessageAt, Responder responder) {

    public boolean botResponds() {
        return responder == Responder.BOT;
    }
}
