package io.parley.agent;

import java.util.List;

import io.parley.core.AccessRevoked;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Email-and-password login for staff, throttled per account and per address (see {@link LoginThrottle}). */
@Service
public class StaffAuthentication {

    private final StaffRepository repository;
    private final StaffTokens tokens;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    /**
     * Checked against when the email is unknown, so that answer takes as long as a wrong password. Hashed on the first
     * login, not at start-up: a bcrypt hash is a quarter of a second of CPU a restart need not spend.
     */
    private volatile String decoyHash;

    private final ApplicationEventPublisher events;

    StaffAuthentication(StaffRepository repository, StaffTokens tokens, PasswordEncoder encoder, LoginThrottle throttle,
            ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.tokens = tokens;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            // two first logins at once may both hash: harmless, either decoy does
            hash = encoder.encode("decoy-" + java.util.UUID.randomUUID());
            decoyHash = hash;
        }
        return hash;
    }

    /**
     * @throws AgentException {@code invalid_credentials} (401) for an unknown email or a wrong password alike,
     *     {@code account_deactivated} (403) for the right password of a deactivated account,
     *     {@link AgentException.LoginThrottled} (429) while this email or address is backing off
     */
    public StaffLogin login(String email, String password, String address) {
        // counted before the password is checked, so parallel guesses are each counted (see LoginThrottle)
        throttle.tryAttempt(email, address).ifPresent(wait -> {
            throw new AgentException.LoginThrottled(wait);
        });
        var account = repository.findByEmail(email == null ? "" : email.trim());
        // bcrypt refuses more than 72 bytes; such a password can never have been set, but still costs one check
        boolean possible = password != null && StaffAccounts.fitsBcrypt(password);
        String candidate = possible ? password : "";
        // always run the encoder: an unknown email must not answer faster than a known one
        boolean matches = encoder.matches(candidate, account.map(StaffRepository.StoredStaff::passwordHash).orElseGet(this::decoyHash))
                && account.isPresent() && possible;
        if (!matches) {
            throw AgentException.invalidCredentials();
        }
        StaffMember member = account.get().member();
        if (!member.active()) {
            throw AgentException.deactivated();
        }
        throttle.succeeded(email, address);
        var expiresAt = tokens.expiry();
        return new StaffLogin(tokens.issue(account.get(), expiresAt), expiresAt,
                List.copyOf(member.grantedRoles()), new StaffLogin.Staff(member.id(), member.email(), member.name()));
    }

    /**
     * Signs the account out everywhere: every token issued to it so far stops working on REST at once, and its open
     * STOMP connections are closed with an ERROR frame (on other nodes at their next frame or sweep).
     */
    public void logout(String token) {
        tokens.staffId(token).ifPresent(id -> {
            repository.revokeTokens(id);
            events.publishEvent(new AccessRevoked("staff:" + id, "You signed out"));
        });
    }
}
