package io.parley.chat;

import java.util.UUID;

/** The conversation passed from the bot to a human, or back. */
public record ResponderChanged(UUID conversationId, Responder responder) {
}
