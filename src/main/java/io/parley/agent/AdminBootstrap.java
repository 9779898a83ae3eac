package io.parley.agent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Makes sure someone can sign in and manage staff: on start, when there is no active admin, the account named by
 * {@code parley.agent.admin-email} becomes one (created if missing, with {@code parley.agent.admin-password} or a
 * generated password printed once in the log).
 * <p>
 * A configured password never silently replaces the stored one of an existing account: after the first start
 * the password belongs to the admin, who may have changed it, and a forgotten environment variable must not undo
 * that on every restart. A mismatch is logged; {@code parley.agent.admin-password-reset=true} replaces it
 * deliberately (for recovery).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final StaffRepository repository;
    private final PasswordEncoder encoder;
    private final AgentProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(StaffRepository repository, PasswordEncoder encoder, AgentProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.encoder = encoder;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> bootstrap());
    }

    void bootstrap() {
        String email = properties.adminEmail().trim();
        String configured = StringUtils.hasText(properties.adminPassword()) ? properties.adminPassword() : null;
        if (configured != null && !StaffAccounts.fitsBcrypt(configured)) {
            throw new IllegalStateException("parley.agent.admin-password is longer than "
                    + StaffAccounts.MAX_PASSWORD_BYTES + " bytes, which bcrypt cannot hash");
        }
        var existing = repository.findByEmail(email);
        if (existing.isEmpty()) {
            if (!repository.anyActiveAdmin()) {
                create(email, configured);
            }
            return;
        }
        var stored = existing.get();
        String hash = stored.passwordHash();
        if (configured != null && !encoder.matches(configured, hash)) {
            if (properties.adminPasswordReset()) {
                hash = encoder.encode(configured);
                log.warn("The password of {} was replaced by parley.agent.admin-password because "
                        + "parley.agent.admin-password-reset is true; turn that off again", email);
            }
            else {
                log.warn("parley.agent.admin-password (PARLEY_ADMIN_PASSWORD) differs from the stored password of {}; "
                        + "the stored password is kept. Change it through PUT /api/agent/staff/{}, or start once with "
                        + "parley.agent.admin-password-reset=true to replace it.", email, stored.member().id());
            }
        }
        StaffMember member = stored.member();
        if (!repository.anyActiveAdmin()) {
            // nobody could manage staff any more: the configured admin gets its rights back
            Set<StaffRole> roles = EnumSet.copyOf(member.roles());
            roles.add(StaffRole.ADMIN);
            member = new StaffMember(member.id(), member.email(), member.name(), roles, true, member.createdAt(),
                    clock.instant());
            log.warn("There was no active admin; {} is an active ADMIN again (its password is unchanged)", email);
        }
        if (member != stored.member() || !hash.equals(stored.passwordHash())) {
            // a password reset from configuration ends the sessions signed in with the lost password
            repository.update(new StaffRepository.StoredStaff(member, hash), true);
        }
    }

    private void create(String email, String configured) {
        String password = configured != null ? configured : generatePassword();
        Instant now = clock.instant();
        StaffMember admin = new StaffMember(UUID.randomUUID(), email, "Administrator", Set.of(StaffRole.ADMIN), true, now, now);
        // on conflict nothing is written: another node created the admin at the same moment and printed its password
        if (repository.insert(new StaffRepository.StoredStaff(admin, encoder.encode(password)))) {
            if (configured == null) {
                log.warn("""

                        ====================================================================================
                        Parley created its first admin account. Sign in with
                            email:    {}
                            password: {}
                        This password is shown only this once. Change it after signing in, or set
                        PARLEY_ADMIN_EMAIL / PARLEY_ADMIN_PASSWORD before the first start next time.
                        ====================================================================================""",
                        email, password);
            }
            else {
                log.info("Created the admin account {} with the configured password", email);
            }
        }
    }

    private String generatePassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        // 144 random bits, URL-safe characters so it survives copy and paste
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
