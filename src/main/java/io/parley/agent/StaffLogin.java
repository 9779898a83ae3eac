package io.parley.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A successful login: the bearer token for REST and STOMP, when it expires, and who signed in.
 *
 * @param roles the granted roles including implied ones (an admin gets {@code ADMIN, AGENT, WRITER})
 */
public record StaffLogin(String token, Instant expiresAt, List<StaffRole> roles, Staff staff) {

    public record Staff(UUID id, String email, String name) {
    }
}
