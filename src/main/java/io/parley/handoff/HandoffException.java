package io.parley.handoff;

import java.util.UUID;

import io.parley.core.ParleyException;

/** Errors of the handoff module, each with a stable code. */
public class HandoffException extends ParleyException {

    HandoffException(int status, String code, String message) {
        super(status, code, message);
    }

    static HandoffException illegal(String message) {
        return new HandoffException(409, "illegal_transition", message);
    }

    static HandoffException notFound(UUID conversationId) {
        return new HandoffException(404, "handoff_not_found", "Conversation " + conversationId + " was never handed to people");
    }

    static HandoffException alreadyClaimed(String byWhom) {
        return new HandoffException(409, "already_claimed", byWhom + " already has this conversation");
    }

    static HandoffException notYours(String assignee) {
        return new HandoffException(403, "not_your_conversation",
                "This conversation is assigned to " + assignee + "; it must be transferred to you first");
    }

    static HandoffException agentNotAvailable(UUID agentId) {
        return new HandoffException(409, "agent_not_available", "Agent " + agentId + " is unknown, inactive or not an agent");
    }

    static HandoffException forbidden(String message) {
        return new HandoffException(403, "forbidden", message);
    }
}
