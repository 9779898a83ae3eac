package io.parley.customer;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person chatting in the widget: identified by the host application's user id (verified by HMAC or a signed
 * JWT), or an anonymous visitor known only by the visitor id their browser keeps.
 *
 * @param verifiedFields which of {@code name}, {@code email}, {@code company} the host application
 *     signed (an identity JWT); the others came from the browser and are only what the customer says
 * @param attributes the custom attributes of the latest identity JWT (all signed)
 */
public record Customer(UUID id, String externalId, String visitorId, String name, String email, String locale,
        Instant createdAt, Instant lastSeenAt, String company, Set<String> verifiedFields, CustomerAttributes attributes) {

    public Customer {
        verifiedFields = verifiedFields == null ? Set.of() : Set.copyOf(verifiedFields);
        attributes = attributes == null ? CustomerAttributes.NONE : attributes;
    }

    public boolean identified() {
        return externalId != null;
    }

    /** Whether {@code field} (name, email, company) was signed by the host application. */
    public boolean verified(String field) {
        return verifiedFields.contains(field);
    }
}
