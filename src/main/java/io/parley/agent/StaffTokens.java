package io.parley.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.parley.core.ParleyPrincipal;
import io.parley.core.SignedTokens;
import io.parley.core.TokenAuthenticator;
import io.parley.core.ServerSecrets;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Issues and checks staff tokens ({@code s:<staffId>} signed and expiring). Every check reads the account, so a
 * deactivated account's tokens stop working at once and role changes apply to the next request.
 */
@Component
class StaffTokens implements TokenAuthenticator {

    private static final String PREFIX = "s:";

    private final SignedTokens tokens;
    private final StaffRepository staff;
    private final AgentProperties properties;
    private final Clock clock;

    StaffTokens(AgentProperties properties, ServerSecrets secrets, StaffRepository staff, Clock clock) {
        byte[] key = StringUtils.hasText(properties.tokenSecret())
                ? properties.tokenSecret().getBytes(StandardCharsets.UTF_8)
                : secrets.getOrCreate("staff-token-key");
        this.tokens = new SignedTokens(key, clock);
        this.staff = staff;
        this.properties = properties;
        this.clock = clock;
    }

    Instant expiry() {
        return clock.instant().plus(properties.tokenTtl());
    }

    String issue(StaffMember member, Instant expiresAt) {
        return tokens.issue(PREFIX + member.id(), expiresAt);
    }

    @Override
    public Optional<ParleyPrincipal> authenticate(String token) {
        return tokens.verifyId(token, PREFIX)
                .flatMap(staff::findById)
                .map(StaffRepository.StoredStaff::member)
                .filter(StaffMember::active)
                .map(StaffTokens::principal);
    }

    static ParleyPrincipal principal(StaffMember member) {
        return new ParleyPrincipal(ParleyPrincipal.Kind.STAFF, member.id().toString(), member.name(),
                member.grantedRoles().stream().map(StaffRole::name).collect(java.util.stream.Collectors.toSet()));
    }
}
