package io.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for tests, talking to the application on its real port. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, String token, Object body) {
        String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response put(String path, String token, Object body) {
        String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response patch(String path, String token, Object body) {
        String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    /** Logs a staff member in and returns the token; fails the test when the login does not succeed. */
    public String login(String email, String password) {
        Response response = post("/api/auth/login", null, Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response.status() + " " + response.body());
        }
        return response.json().get("token").asString();
    }

    /** Starts a widget session and returns the response body. */
    public JsonNode session(Map<String, Object> request) {
        Response response = post("/api/widget/sessions", null, request);
        if (response.status() != 201) {
            throw new AssertionError("session failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    public JsonNode startConversation(String token, String subject) {
        Response response = post("/api/widget/conversations", token, subject == null ? Map.of() : Map.of("subject", subject));
        if (response.status() != 201) {
            throw new AssertionError("start failed: " + response.status() + " " + response.body());
        }
        return response.json().get("conversation");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }
}
