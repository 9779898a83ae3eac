package io.parley.chat;

import java.util.UUID;

/** Someone started or stopped typing in a conversation; transient, never stored. */
public record TypingChanged(UUID conversationId, Author author, boolean typing) {
}
