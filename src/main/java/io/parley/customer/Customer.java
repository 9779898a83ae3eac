package io.parley.customer;

import java.time.Instant;
import java.util.UUID;

/**
 * A person chatting in the widget: identified by the host application's user id (verified by HMAC), or an
 * anonymous visitor known only by the visitor id their browser keeps.
 */
public record Customer(UUID id, String externalId, String visitorId, String name, String email, String locale,
        Instant createdAt, Instant lastSeenAt, String company) {

    public boolean identified() {
        return externalId != null;
    }
}
