package io.parley;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole application on a random port against the shared test PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.customer.identity-secret=" + ParleyIntegrationTest.IDENTITY_SECRET,
        "parley.customer.token-secret=test-token-signing-key-0123456789",
        "parley.agent.admin-email=" + ParleyIntegrationTest.ADMIN_EMAIL,
        "parley.agent.admin-password=" + ParleyIntegrationTest.ADMIN_PASSWORD,
        // every test signs in from 127.0.0.1: the per-address allowance would otherwise couple unrelated tests
        "parley.agent.login-max-failures-per-address=100000",
        // every test calls from 127.0.0.1 into one shared database: the limits' own tests switch them on
        "parley.limits.enabled=false",
        // the answer decision's background refit would change borderline decisions mid-suite; its own test sets this
        "parley.assistant.calibration.debounce=${parley.test.calibration-debounce:1h}" })
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
public @interface ParleyIntegrationTest {

    String IDENTITY_SECRET = "host-app-identity-secret";

    /** The bootstrap admin every test context shares (the first context to start creates it). */
    String ADMIN_EMAIL = "admin@parley.test";
    String ADMIN_PASSWORD = "test-admin-password-1";
}
