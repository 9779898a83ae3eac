package io.parley.customer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer module ({@code parley.customer.*}).
 *
 * @param identitySecret secret shared with the host application; {@code userHash} must be the hex HMAC-SHA256 of
 *     the user id under it. Empty: identified sessions are refused, anonymous visitors still work.
 * @param tokenSecret key that signs widget session tokens; empty: generated once and kept in the database
 * @param tokenTtl how long a widget session token is valid (the widget simply starts a new session after that)
 */
@ConfigurationProperties("parley.customer")
public record CustomerProperties(String identitySecret, String tokenSecret, Duration tokenTtl) {

    public CustomerProperties {
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            tokenTtl = Duration.ofHours(12);
        }
    }
}
