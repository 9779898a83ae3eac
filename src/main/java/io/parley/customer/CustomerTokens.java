package io.parley.customer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.parley.core.ServerSecrets;
import io.parley.core.ParleyPrincipal;
import io.parley.core.SignedTokens;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Issues and checks widget session tokens ({@code c:<customerId>} signed and expiring). */
@Component
class CustomerTokens implements io.parley.core.TokenAuthenticator {

    private static final String PREFIX = "c:";

    private final SignedTokens tokens;
    private final CustomerRepository customers;
    private final CustomerProperties properties;
    private final Clock clock;

    CustomerTokens(CustomerProperties properties, ServerSecrets secrets, CustomerRepository customers, Clock clock) {
        byte[] key = StringUtils.hasText(properties.tokenSecret())
                ? properties.tokenSecret().getBytes(StandardCharsets.UTF_8)
                : secrets.getOrCreate("customer-token-key");
        this.tokens = new SignedTokens(key, clock);
        this.customers = customers;
        this.properties = properties;
        this.clock = clock;
    }

    Instant expiry() {
        return clock.instant().plus(properties.tokenTtl());
    }

    String issue(Customer customer, Instant expiresAt) {
        return tokens.issue(PREFIX + customer.id(), expiresAt);
    }

    @Override
    public Optional<ParleyPrincipal> authenticate(String token) {
        return tokens.verifyId(token, PREFIX)
                .flatMap(customers::findById)
                .map(customer -> ParleyPrincipal.customer(customer.id().toString(), customer.name()));
    }
}
