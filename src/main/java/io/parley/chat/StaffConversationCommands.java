package io.parley.chat;

import java.util.Set;

/**
 * Conversation commands staff may send over STOMP ({@code /app/conversations/{id}/<command>}). The modules that
 * handle them (handoff: claim, reply, note, ...) contribute a bean, so chat need not know them.
 */
public interface StaffConversationCommands {

    Set<String> commands();
}
