package io.parley.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.parley.core.AccessRevoked;
import io.parley.core.InvalidInput;

import org.springframework.context.ApplicationEventPublisher;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Staff accounts: look-ups for other modules, management for admins. */
@Service
public class StaffAccounts {

    static final int MIN_PASSWORD = 8;
    /** bcrypt only ever looks at the first 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 320;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final StaffRepository repository;
    private final PasswordEncoder encoder;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    StaffAccounts(StaffRepository repository, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.encoder = encoder;
        this.clock = clock;
        this.events = events;
    }

    public Optional<StaffMember> findById(UUID id) {
        return repository.findById(id).map(StaffRepository.StoredStaff::member);
    }

    public StaffMember get(UUID id) {
        return findById(id).orElseThrow(() -> AgentException.notFound(id));
    }

    public List<StaffMember> list() {
        return repository.findAll();
    }

    /**
     * @throws InvalidInput naming each invalid field
     * @throws AgentException {@code staff_email_taken} (409) when the email is in use, in any letter case
     */
    @Transactional
    public StaffMember create(NewStaffMember request) {
        Map<String, String> problems = new LinkedHashMap<>();
        String email = request.email() == null ? "" : request.email().trim();
        if (email.isEmpty()) {
            problems.put("email", "must not be blank");
        }
        else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            problems.put("email", "must be a well-formed email address");
        }
        checkName(request.name(), problems);
        if (request.password() == null) {
            problems.put("password", "must not be blank");
        }
        else {
            checkPassword(request.password(), problems);
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            problems.put("roles", "must name at least one of AGENT, WRITER, ADMIN");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        Instant now = clock.instant();
        StaffMember member = new StaffMember(UUID.randomUUID(), email, request.name().trim(), request.roles(), true, now, now);
        if (!repository.insert(new StaffRepository.StoredStaff(member, encoder.encode(request.password())))) {
            throw AgentException.emailTaken(email);
        }
        return member;
    }

    /**
     * Applies an admin's changes. The last active admin cannot lose the role or be deactivated, so there is always
     * someone who can manage staff.
     */
    @Transactional
    public StaffMember update(UUID id, StaffChanges changes) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (changes.name() != null) {
            checkName(changes.name(), problems);
        }
        if (changes.roles() != null && changes.roles().isEmpty()) {
            problems.put("roles", "must name at least one of AGENT, WRITER, ADMIN");
        }
        if (changes.password() != null) {
            checkPassword(changes.password(), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        List<UUID> activeAdmins = repository.lockActiveAdmins();
        StaffRepository.StoredStaff stored = repository.findById(id).orElseThrow(() -> AgentException.notFound(id));
        StaffMember before = stored.member();
        StaffMember after = new StaffMember(id, before.email(),
                changes.name() == null ? before.name() : changes.name().trim(),
                changes.roles() == null ? before.roles() : changes.roles(),
                changes.active() == null ? before.active() : changes.active(),
                before.createdAt(), clock.instant());
        boolean stillAdmin = after.active() && after.isAdmin();
        if (activeAdmins.contains(id) && !stillAdmin && activeAdmins.size() == 1) {
            throw AgentException.lastAdmin();
        }
        String hash = changes.password() == null ? stored.passwordHash() : encoder.encode(changes.password());
        // a new password, a deactivation or any role change ends every session of the account: the open console
        // must not keep the rights the admin just took away (a promotion takes effect on the next sign-in)
        boolean revoke = changes.password() != null || before.active() && !after.active() || !before.roles().equals(after.roles());
        repository.update(new StaffRepository.StoredStaff(after, hash), revoke);
        if (revoke) {
            events.publishEvent(new AccessRevoked(StaffTokens.principal(after).getName(), revocationReason(before, after, changes)));
        }
        return after;
    }

    private static String revocationReason(StaffMember before, StaffMember after, StaffChanges changes) {
        if (before.active() && !after.active()) {
            return "Your account was deactivated";
        }
        if (!before.roles().equals(after.roles())) {
            return "Your roles changed; please sign in again";
        }
        return "Your password was changed; please sign in again";
    }

    static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    private static void checkName(String name, Map<String, String> problems) {
        if (!StringUtils.hasText(name)) {
            problems.put("name", "must not be blank");
        }
        else if (name.trim().length() > MAX_NAME) {
            problems.put("name", "must be at most " + MAX_NAME + " characters");
        }
    }

    private static void checkPassword(String password, Map<String, String> problems) {
        if (password.length() < MIN_PASSWORD) {
            problems.put("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        else if (!fitsBcrypt(password)) {
            problems.put("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        else if (password.isBlank()) {
            problems.put("password", "must not be blank");
        }
    }
}
