package io.parley.agent;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.parley.ParleyIntegrationTest.ADMIN_EMAIL;
import static io.parley.ParleyIntegrationTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@ParleyIntegrationTest
class StaffAuthenticationIntegrationTests {

    @LocalServerPort
    int port;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    void theBootstrapAdminLogsInWithAnyLetterCaseAndGetsAllRoles() {
        Api.Response response = api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL.toUpperCase(), "password", ADMIN_PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("token").asString()).isNotBlank();
        assertThat(body.get("expiresAt").asString()).isNotBlank();
        assertThat(body.get("roles")).extracting(JsonNode::asString).containsExactlyInAnyOrder("ADMIN", "AGENT", "WRITER");
        assertThat(body.get("staff").get("email").asString()).isEqualTo(ADMIN_EMAIL);

        JsonNode me = api.get("/api/auth/me", body.get("token").asString()).json();
        assertThat(me.get("id").asString()).isEqualTo(body.get("staff").get("id").asString());
        assertThat(me.get("roles")).extracting(JsonNode::asString).containsExactly("ADMIN");
        assertThat(me.get("grantedRoles")).extracting(JsonNode::asString).containsExactly("AGENT", "WRITER", "ADMIN");
        assertThat(me.has("passwordHash")).isFalse();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSame401() {
        Api.Response wrongPassword = api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", "not-the-password"));
        Api.Response unknownEmail = api.post("/api/auth/login", null, Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", ADMIN_PASSWORD));

        for (Api.Response response : List.of(wrongPassword, unknownEmail)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_credentials");
            assertThat(response.json().has("token")).isFalse();
        }
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
        assertThat(api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL)).json().get("fields").has("password")).isTrue();
    }

    @Test
    void repeatedFailuresForOneEmailAreThrottledWithRetryAfter() {
        String email = createStaff(List.of("AGENT"), "right-password-1").email;
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/login", null, Map.of("email", email, "password", "wrong-" + i)).status()).isEqualTo(401);
        }

        Api.Response throttled = api.post("/api/auth/login", null, Map.of("email", email, "password", "right-password-1"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("login_throttled");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 300L);
        // only that email is held back
        assertThat(api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aStaffTokenWorksOnRestAndOnStompConnect() {
        Staff agent = createStaff(List.of("AGENT"), "agent-password-1");
        String token = api.login(agent.email, "agent-password-1");
        JsonNode customer = api.session(Map.of("name", "Cleo"));
        String customerToken = customer.get("token").asString();
        String thread = api.startConversation(customerToken, "Needs a human").get("id").asString();

        assertThat(api.get("/api/auth/me", token).json().get("email").asString()).isEqualTo(agent.email);
        try (StompTestClient console = StompTestClient.connect(port, token)) {
            assertThat(console.connected()).isTrue();
            // live before the customer writes: the console's own typing indicator has come back through it
            console.subscribeToConversation(thread);
            api.post("/api/widget/conversations/" + thread + "/messages", customerToken,
                    Map.of("clientMessageId", "c-1", "text", "Hello, anyone?"));

            Map<String, Object> event = console.await("/topic/conversations/" + thread, e -> "message".equals(e.get("type"))
                    && "customer".equals(((Map<?, ?>) ((Map<?, ?>) e.get("message")).get("author")).get("type")));
            assertThat(((Map<?, ?>) event.get("message")).get("text")).isEqualTo("Hello, anyone?");
        }
    }

    @Test
    void aDeactivatedAccountCannotLogInAndItsTokensStopWorking() {
        Staff agent = createStaff(List.of("AGENT"), "agent-password-2");
        String token = api.login(agent.email, "agent-password-2");
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(200);

        Api.Response deactivated = api.put("/api/agent/staff/" + agent.id, admin, Map.of("active", false));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();

        Api.Response login = api.post("/api/auth/login", null, Map.of("email", agent.email, "password", "agent-password-2"));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("code").asString()).isEqualTo("account_deactivated");
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(401);
        try (StompTestClient console = StompTestClient.connect(port, token)) {
            assertThat(console.awaitError().get("code")).isEqualTo("unauthorized");
            assertThat(console.connected()).isFalse();
        }

        // deactivation revoked the token for good: reactivating needs a new sign-in
        api.put("/api/agent/staff/" + agent.id, admin, Map.of("active", true));
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", api.login(agent.email, "agent-password-2")).status()).isEqualTo(200);
    }

    @Test
    void customersAndNonAdminsAreKeptOffStaffEndpoints() {
        String customer = api.session(Map.of()).get("token").asString();
        Staff writer = createStaff(List.of("WRITER"), "writer-password-1");
        String writerToken = api.login(writer.email, "writer-password-1");
        Staff agent = createStaff(List.of("AGENT"), "agent-password-3");
        String agentToken = api.login(agent.email, "agent-password-3");

        for (String path : List.of("/api/articles", "/api/agent/staff", "/api/auth/me")) {
            Api.Response response = api.get(path, customer);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
        }
        assertThat(api.get("/api/agent/staff", writerToken).status()).isEqualTo(403);
        assertThat(api.post("/api/agent/staff", writerToken, Map.of("email", "x@example.com")).status()).isEqualTo(403);
        assertThat(api.get("/api/agent/staff", agentToken).status()).isEqualTo(403);
        assertThat(api.get("/api/articles", agentToken).status()).isEqualTo(403);
        assertThat(api.get("/api/articles", writerToken).status()).isEqualTo(200);
        assertThat(api.get("/api/articles", admin).status()).isEqualTo(200);
        assertThat(api.get("/api/agent/staff", null).status()).isEqualTo(401);
        // staff tokens are not widget tokens
        assertThat(api.get("/api/widget/conversations", agentToken).status()).isEqualTo(403);
    }

    @Test
    void adminsManageStaffWithValidationNamingTheField() {
        Api.Response invalid = api.post("/api/agent/staff", admin,
                Map.of("email", "not-an-email", "name", " ", "password", "short", "roles", List.of()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(invalid.json().get("fields").propertyNames()).contains("email", "name", "password", "roles");

        Api.Response unknownRole = api.post("/api/agent/staff", admin, Map.of("email", "r@example.com", "name", "R",
                "password", "long-enough-1", "roles", List.of("SUPERUSER")));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("fields").get("roles").asString()).contains("SUPERUSER");

        Staff created = createStaff(List.of("agent"), "first-password");
        Api.Response duplicate = api.post("/api/agent/staff", admin, Map.of("email", created.email.toUpperCase(),
                "name", "Twin", "password", "long-enough-1", "roles", List.of("AGENT")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("staff_email_taken");

        JsonNode updated = api.put("/api/agent/staff/" + created.id, admin,
                Map.of("name", "Renamed", "roles", List.of("AGENT", "WRITER"), "password", "second-password")).json();
        assertThat(updated.get("name").asString()).isEqualTo("Renamed");
        assertThat(updated.get("roles")).extracting(JsonNode::asString).containsExactly("AGENT", "WRITER");
        assertThat(api.post("/api/auth/login", null, Map.of("email", created.email, "password", "first-password")).status()).isEqualTo(401);
        String token = api.login(created.email, "second-password");
        assertThat(api.get("/api/articles", token).status()).isEqualTo(200);

        assertThat(api.get("/api/agent/staff", admin).json()).extracting(s -> s.get("email").asString()).contains(created.email, ADMIN_EMAIL);
        Api.Response missing = api.put("/api/agent/staff/" + UUID.randomUUID(), admin, Map.of("name", "Ghost"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("staff_not_found");
    }

    @Test
    void theLastActiveAdminCannotDemoteOrDeactivateThemself() {
        String adminId = api.get("/api/auth/me", admin).json().get("id").asString();
        // other tests may have created admins; make sure only the bootstrap admin is one here
        for (JsonNode staff : api.get("/api/agent/staff", admin).json()) {
            if (!staff.get("id").asString().equals(adminId) && staff.get("active").asBoolean()
                    && staff.get("roles").toString().contains("ADMIN")) {
                api.put("/api/agent/staff/" + staff.get("id").asString(), admin, Map.of("active", false));
            }
        }

        Api.Response demote = api.put("/api/agent/staff/" + adminId, admin, Map.of("roles", List.of("AGENT")));
        Api.Response deactivate = api.put("/api/agent/staff/" + adminId, admin, Map.of("active", false));

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("code").asString()).isEqualTo("last_admin");
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(api.get("/api/auth/me", admin).json().get("roles")).extracting(JsonNode::asString).containsExactly("ADMIN");
    }

    private Staff createStaff(List<String> roles, String password) {
        String email = "staff-" + UUID.randomUUID() + "@example.com";
        Api.Response response = api.post("/api/agent/staff", admin,
                Map.of("email", email, "name", "Staff " + roles, "password", password, "roles", roles));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Staff(response.json().get("id").asString(), email);
    }

    record Staff(String id, String email) {
    }
}
