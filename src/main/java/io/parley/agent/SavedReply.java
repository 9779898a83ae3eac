package io.parley.agent;

import java.time.Instant;
import java.util.UUID;

/** A canned answer; {@code body} may hold placeholders such as {@code {{customer.name}}}. */
public record SavedReply(UUID id, String shortcut, String title, String body, String locale, Instant createdAt,
        Instant updatedAt) {
}
