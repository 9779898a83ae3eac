package io.parley.chat;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who owns a conversation: BOT → QUEUED → ASSIGNED → RESOLVED, plus ASSIGNED → BOT (return to bot), ASSIGNED →
 * QUEUED (unassigned, transferred to the queue), ASSIGNED → ASSIGNED (transferred to another agent) and RESOLVED →
 * BOT or QUEUED when the customer writes again. Stored once, on the conversation; the handoff module decides when.
 */
public enum ConversationState {
    BOT, QUEUED, ASSIGNED, RESOLVED;

    private static final Map<ConversationState, Set<ConversationState>> ALLOWED = Map.of(
            BOT, EnumSet.of(QUEUED),
            QUEUED, EnumSet.of(ASSIGNED),
            ASSIGNED, EnumSet.of(RESOLVED, BOT, QUEUED, ASSIGNED),
            RESOLVED, EnumSet.of(BOT, QUEUED));

    public boolean canBecome(ConversationState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The bot answers only a conversation it owns; queued, assigned and resolved ones belong to people. */
    public Responder responder() {
        return this == BOT ? Responder.BOT : Responder.HUMAN;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConversationState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
