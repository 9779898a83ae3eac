package io.parley.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.core.ParleyPrincipal;
import io.parley.core.SignedTokens;
import io.parley.core.TokenAuthenticator;
import io.parley.core.ServerSecrets;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Issues and checks staff tokens ({@code s:<staffId>:<generation>} signed and expiring). Every check reads the
 * account, so a deactivated account's tokens stop working at once and role changes apply to the next request; the
 * generation makes a token revocable: logout, a password change, a deactivation or a role change raise the
 * account's generation, and tokens of an older one are refused on every node.
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

    String issue(StaffRepository.StoredStaff member, Instant expiresAt) {
        return tokens.issue(PREFIX + member.member().id() + ":" + member.tokenGeneration(), expiresAt);
    }

    @Override
    public Optional<ParleyPrincipal> authenticate(String token) {
        return tokens.verify(token).flatMap(StaffTokens::parse).flatMap(claim -> staff.findById(claim.staffId())
                .filter(stored -> stored.tokenGeneration() == claim.generation())
                .map(StaffRepository.StoredStaff::member))
                .filter(StaffMember::active)
                .map(StaffTokens::principal);
    }

    /** The account a valid token names (whether or not it is still current), for logging out with it. */
    Optional<UUID> staffId(String token) {
        return tokens.verify(token).flatMap(StaffTokens::parse).map(Claim::staffId);
    }

    static ParleyPrincipal principal(StaffMember member) {
        return new ParleyPrincipal(ParleyPrincipal.Kind.STAFF, member.id().toString(), member.name(),
                member.grantedRoles().stream().map(StaffRole::name).collect(Collectors.toSet()));
    }

    /** Subjects without a generation (tokens issued before revocation existed) are refused: sign in again. */
    private static Optional<Claim> parse(String subject) {
        if (!subject.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = subject.lastIndexOf(':');
        if (colon <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(UUID.fromString(subject.substring(PREFIX.length(), colon)),
                    Long.parseLong(subject.substring(colon + 1))));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Claim(UUID staffId, long generation) {
    }
}
