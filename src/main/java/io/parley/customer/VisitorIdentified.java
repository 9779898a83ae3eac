package io.parley.customer;

import java.util.UUID;

/**
 * An anonymous visitor signed in to the host application: what they started anonymously now belongs to the
 * identified customer, so it follows them to every device.
 */
public record VisitorIdentified(UUID anonymousCustomerId, UUID customerId) {
}
