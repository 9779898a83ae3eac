package io.parley.support;

import io.parley.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the integration tests of admin endpoints share: the API of the running application and the bootstrap
 * admin's token, signed in before each test (a subclass's own {@code @BeforeEach} runs after this one).
 */
public abstract class AdminApiTestSupport {

    @LocalServerPort
    protected int port;

    protected Api api;
    /** The bootstrap admin's bearer token ({@link ParleyIntegrationTest#ADMIN_EMAIL}). */
    protected String admin;

    @BeforeEach
    void signInAdmin() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }
}
