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
        "parley.customer.token-secret=test-token-signing-key-0123456789" })
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
public @interface ParleyIntegrationTest {

    String IDENTITY_SECRET = "host-app-identity-secret";
}
