package io.parley.agent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Settings of the agent module ({@code parley.agent.*}).
 *
 * @param adminEmail email of the bootstrap admin created on the first start (default {@code admin@parley.local})
 * @param adminPassword its password; empty: a strong one is generated and printed once in the log. An existing
 *     account's password is never replaced by this silently (see {@code adminPasswordReset}).
 * @param adminPasswordReset true: on start, replace the bootstrap admin's stored password with
 *     {@code adminPassword} (for recovering a lost password; turn it off again afterwards)
 * @param tokenSecret key that signs staff tokens; empty: generated once and kept in the database
 * @param tokenTtl how long a staff token is valid (default 12 hours)
 * @param loginMaxFailures failed logins of one email from one address after which further attempts are held back
 *     with 429 and a backoff that doubles with every further failure (default 5)
 * @param loginFailureWindow a throttle key with no failure for this long starts again from zero (default 5 minutes)
 * @param loginMaxFailuresPerAddress failed logins from one address, any email, before its backoff starts (default 20)
 * @param loginMaxFailuresPerAccount failed logins of one email, any address, before its backoff starts (default 50)
 * @param loginFirstBackoff the first wait once an allowance is used up (default 30 seconds)
 * @param loginMaxBackoff the longest wait (default 15 minutes); there is no hard lockout
 * @param defaultCapacity conversations routed to an agent at once until an admin sets their capacity (default 3)
 * @param offlineOnDisconnect true: an agent becomes offline when their last STOMP connection closes and they do not
 *     reconnect within a few seconds (default true)
 * @param presenceLease how long an agent's online (or away) presence lasts without a connection renewing it: a dead
 *     node or a closed console lets it lapse, the agent goes offline and their unanswered conversations are routed
 *     again (default 60 s; connections renew it every quarter of that)
 */
@ConfigurationProperties("parley.agent")
public record AgentProperties(String adminEmail, String adminPassword, boolean adminPasswordReset, String tokenSecret,
        Duration tokenTtl, int loginMaxFailures, Duration loginFailureWindow, Integer defaultCapacity,
        Boolean offlineOnDisconnect, Duration presenceLease, Integer loginMaxFailuresPerAddress,
        Integer loginMaxFailuresPerAccount, Duration loginFirstBackoff, Duration loginMaxBackoff) {

    public AgentProperties {
        if (!StringUtils.hasText(adminEmail)) {
            adminEmail = "admin@parley.local";
        }
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            tokenTtl = Duration.ofHours(12);
        }
        if (loginMaxFailures <= 0) {
            loginMaxFailures = 5;
        }
        if (loginFailureWindow == null || loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            loginFailureWindow = Duration.ofMinutes(5);
        }
        if (defaultCapacity == null || defaultCapacity < 0) {
            defaultCapacity = 3;
        }
        if (offlineOnDisconnect == null) {
            offlineOnDisconnect = true;
        }
        if (loginMaxFailuresPerAddress == null || loginMaxFailuresPerAddress <= 0) {
            loginMaxFailuresPerAddress = 20;
        }
        if (loginMaxFailuresPerAccount == null || loginMaxFailuresPerAccount <= 0) {
            loginMaxFailuresPerAccount = 50;
        }
        if (loginFirstBackoff == null || loginFirstBackoff.isNegative() || loginFirstBackoff.isZero()) {
            loginFirstBackoff = Duration.ofSeconds(30);
        }
        if (loginMaxBackoff == null || loginMaxBackoff.compareTo(loginFirstBackoff) < 0) {
            loginMaxBackoff = Duration.ofMinutes(15).compareTo(loginFirstBackoff) < 0 ? loginFirstBackoff : Duration.ofMinutes(15);
        }
        if (presenceLease == null || presenceLease.isNegative() || presenceLease.isZero()) {
            presenceLease = Duration.ofSeconds(60);
        }
    }
}
