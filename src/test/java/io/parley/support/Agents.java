package io.parley.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Staff accounts and a clean routing slate for handoff tests (the test database is shared by every test class). */
public final class Agents {

    private final Api api;
    private final String adminToken;

    public Agents(Api api) {
        this.api = api;
        this.adminToken = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    /** An agent signed in: its id, name and token. */
    public record Agent(String id, String name, String token) {
    }

    public Agent create(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@parley.test";
        Api.Response created = api.post("/api/agent/staff", adminToken,
                Map.of("email", email, "name", name, "password", "agent-password-1", "roles", List.of("AGENT")));
        if (created.status() != 201) {
            throw new AssertionError("create agent failed: " + created.status() + " " + created.body());
        }
        return new Agent(created.json().get("id").asString(), name, api.login(email, "agent-password-1"));
    }

    public void presence(Agent agent, String presence) {
        Api.Response response = api.put("/api/agent/presence", agent.token(), Map.of("presence", presence));
        if (response.status() != 200) {
            throw new AssertionError("presence failed: " + response.status() + " " + response.body());
        }
    }

    public String adminToken() {
        return adminToken;
    }

    /**
     * Nobody else is online and nothing else waits or is assigned, so routing in the calling test only sees its own
     * agents and conversations.
     */
    public void isolate(JdbcClient jdbc) {
        jdbc.sql("update agent_profile set presence = 'offline'").update();
        jdbc.sql("update conversation set state = 'resolved', assignee = null where state in ('queued', 'assigned')").update();
        jdbc.sql("delete from first_response").update();
        // through the API, so the server's team cache forgets them too
        api.get("/api/agent/teams", adminToken).json().valueStream()
                .forEach(team -> api.delete("/api/agent/teams/" + team.get("id").asString(), adminToken));
    }
}
