package io.parley.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff accounts of every role and customers, on real REST and STOMP connections closed after each test. */
abstract class SecurityTestSupport {

    @LocalServerPort
    int port;

    Api api;
    String admin;
    final List<StompTestClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void signInAdmin() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(StompTestClient::close);
        clients.clear();
    }

    StompTestClient connect(String token) {
        StompTestClient ws = StompTestClient.connect(port, token);
        clients.add(ws);
        return ws;
    }

    /** A new staff account with these roles, signed in. */
    Staff staff(String... roles) {
        String email = "sec-" + UUID.randomUUID() + "@example.com";
        String password = "staff-password-" + UUID.randomUUID();
        Api.Response created = api.post("/api/agent/staff", admin,
                Map.of("email", email, "name", "Staff " + String.join("+", roles), "password", password, "roles", List.of(roles)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Staff(created.json().get("id").asString(), email, password, api.login(email, password));
    }

    /** A new anonymous customer with one conversation. */
    Customer customer() {
        String token = api.session(Map.of("name", "Customer")).get("token").asString();
        String conversation = api.startConversation(token, "Question").get("id").asString();
        return new Customer(token, conversation);
    }

    record Staff(String id, String email, String password, String token) {
    }

    record Customer(String token, String conversation) {
    }
}
