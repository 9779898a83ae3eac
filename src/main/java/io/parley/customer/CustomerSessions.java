package io.parley.customer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.parley.core.SignedTokens;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Starts widget sessions: verifies identified customers by a signed identity JWT or the HMAC user hash, recognises returning visitors, and hands out the
 * token that authenticates the customer's REST calls and STOMP connection.
 */
@Service
public class CustomerSessions implements Customers {

    private final CustomerRepository repository;
    private final CustomerTokens tokens;
    private final IdentityTokens identityTokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CustomerSessions(CustomerRepository repository, CustomerTokens tokens, IdentityTokens identityTokens,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.identityTokens = identityTokens;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public WidgetSession start(SessionRequest request) {
        Instant now = clock.instant();
        String locale = normaliseLocale(request.locale());
        Customer customer;
        String visitorId;
        if (StringUtils.hasText(request.jwt())) {
            SignedIdentity identity = identityTokens.verify(request.jwt());
            if (StringUtils.hasText(request.userId()) && !request.userId().equals(identity.subject())) {
                throw new IdentityTokenRejected("identity_token_subject_mismatch", "userId differs from the token's 'sub'");
            }
            Set<String> signed = new HashSet<>();
            String name = signedOr(identity.name(), request.name(), "name", signed);
            String email = signedOr(identity.email(), request.email(), "email", signed);
            String company = signedOr(identity.company(), request.company(), "company", signed);
            customer = repository.upsertIdentified(identity.subject(),
                    new CustomerRepository.Fields(name, email, locale != null ? locale : normaliseLocale(identity.locale()), company),
                    signed, identity.attributes(), now);
            visitorId = mergeVisitor(request.visitorId(), customer);
        }
        else if (StringUtils.hasText(request.userId())) {
            verifyIdentity(request.userId(), request.userHash());
            // only the user id is signed by the hash: name, email and company are what the browser says
            customer = repository.upsertIdentified(request.userId(), new CustomerRepository.Fields(blankToNull(request.name()),
                    blankToNull(request.email()), locale, blankToNull(request.company())), Set.of(), null, now);
            visitorId = mergeVisitor(request.visitorId(), customer);
        }
        else if (StringUtils.hasText(request.userHash())) {
            throw new IdentityVerificationFailed("userHash was given without a userId");
        }
        else {
            visitorId = StringUtils.hasText(request.visitorId()) ? request.visitorId() : newVisitorId();
            customer = repository.upsertVisitor(visitorId, blankToNull(request.name()), blankToNull(request.email()),
                    locale, blankToNull(request.company()), now);
        }
        Instant expiresAt = tokens.expiry();
        return new WidgetSession(tokens.issue(customer, expiresAt), expiresAt, visitorId,
                new WidgetSession.CustomerView(customer.id().toString(), customer.name(), customer.email(),
                        customer.identified(), customer.locale()));
    }

    /** What an anonymous visitor started on this device now belongs to the identified customer. */
    private String mergeVisitor(String visitorId, Customer customer) {
        if (visitorId != null) {
            repository.findAnonymousVisitor(visitorId)
                    .ifPresent(anonymous -> events.publishEvent(new VisitorIdentified(anonymous.id(), customer.id())));
        }
        return visitorId;
    }

    private static String signedOr(String signedValue, String browserValue, String field, Set<String> signed) {
        if (signedValue != null) {
            signed.add(field);
            return signedValue;
        }
        return blankToNull(browserValue);
    }

    @Override
    public Optional<Customer> findById(UUID id) {
        return repository.findById(id);
    }

    @Override
    public Map<UUID, Customer> findAll(Collection<UUID> ids) {
        Map<UUID, Customer> found = new HashMap<>();
        repository.findAll(ids).forEach(customer -> found.put(customer.id(), customer));
        return found;
    }

    private void verifyIdentity(String userId, String userHash) {
        String secret = identityTokens.hmacSecret();
        if (!StringUtils.hasText(secret)) {
            throw new IdentityVerificationFailed(
                    "Identity verification is not configured on this server (parley.customer.identity-secret)");
        }
        if (!StringUtils.hasText(userHash)) {
            throw new IdentityVerificationFailed("userHash is required with userId");
        }
        String expected = SignedTokens.hmacHex(secret, userId);
        if (!SignedTokens.hexEquals(expected, userHash)) {
            throw new IdentityVerificationFailed("userHash does not match userId");
        }
    }

    private String newVisitorId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return "v_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String normaliseLocale(String locale) {
        if (!StringUtils.hasText(locale)) {
            return null;
        }
        return locale.replace('_', '-');
    }

    private static String blankToNull(String value) {
        return StringUtils.hasText(value) ? value.trim() : null;
    }
}
