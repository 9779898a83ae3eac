package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

/** The customer left an email address to be answered at (typically out of hours). */
public record ContactGiven(UUID conversationId, UUID customerId, String email, Instant at) {
}
