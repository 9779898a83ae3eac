package io.parley.customer;

import java.time.Instant;

/**
 * A started widget session: the bearer token for REST and STOMP, the visitor id to keep for next time, and who
 * the customer is.
 */
public record WidgetSession(String token, Instant expiresAt, String visitorId, CustomerView customer) {

    public record CustomerView(String id, String name, String email, boolean identified, String locale) {
    }
}
