package io.parley.limits;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts beyond the limits get 429 with Retry-After (REST) or {@code rate_limited} on the sender's error queue
 * (STOMP, connection kept), and nothing is created for them; other addresses and customers go on unaffected.
 * Addresses come from {@code X-Forwarded-For}, as behind a load balancer.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = {
        "parley.assistant.enabled=false",
        "server.forward-headers-strategy=native",
        "parley.limits.enabled=true",
        "parley.limits.session.per-address=5", "parley.limits.session.period=1h",
        "parley.limits.conversation.per-address=1000", "parley.limits.conversation.per-customer=2",
        "parley.limits.conversation.period=1h",
        "parley.limits.message.per-address=1000", "parley.limits.message.per-customer=5", "parley.limits.message.period=1h",
        "parley.limits.typing.per-customer=3", "parley.limits.typing.period=1h",
        "parley.limits.search.per-address=3", "parley.limits.search.per-customer=0", "parley.limits.search.period=1h",
        "parley.limits.helpful.per-address=3", "parley.limits.helpful.period=1h",
        "parley.limits.max-body=4KB" })
class RateLimitsIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ERRORS = "/user/queue/errors";
    private static final String ACKS = "/user/queue/acks";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        jdbc.sql("delete from rate_bucket").update();
    }

    @Test
    void sessionsFromOneAddressAreLimitedWithRetryAfterWhileAnotherAddressIsServed() {
        String abuser = "203.0.113." + (10 + (int) (Math.random() * 200));
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(post("/api/widget/sessions", null, "{}", abuser));
        }
        assertThat(burst).extracting(HttpResponse::statusCode).containsExactly(201, 201, 201, 201, 201, 429, 429, 429);
        HttpResponse<String> refused = burst.get(5);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        JsonNode problem = Api.JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("rate_limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);

        assertThat(post("/api/widget/sessions", null, "{}", "198.51.100.1").statusCode()).isEqualTo(201);
    }

    @Test
    void conversationsAndSearchAreLimitedPerCustomerAndPerAddress() {
        String ada = session("Ada");
        String bob = session("Bob");
        assertThat(post("/api/widget/conversations", ada, "{}", "192.0.2.1").statusCode()).isEqualTo(201);
        assertThat(post("/api/widget/conversations", ada, "{}", "192.0.2.1").statusCode()).isEqualTo(201);
        HttpResponse<String> third = post("/api/widget/conversations", ada, "{}", "192.0.2.1");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        // the refused call created nothing, and another customer from the same address is unaffected
        assertThat(api.get("/api/widget/conversations", ada).json().size()).isEqualTo(2);
        assertThat(post("/api/widget/conversations", bob, "{}", "192.0.2.1").statusCode()).isEqualTo(201);

        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/search?q=password", "192.0.2.50").statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/search?q=password", "192.0.2.50").statusCode()).isEqualTo(429);
        assertThat(get("/api/search?q=password", "192.0.2.51").statusCode()).isEqualTo(200);
    }

    @Test
    void wasThisHelpfulAnswersAreLimitedPerAddress() {
        String path = "/help/en/resetting-your-password/feedback";
        List<Integer> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(form(path, "helpful=yes", "192.0.2.77").statusCode());
        }
        assertThat(burst).containsExactly(303, 303, 303, 429, 429);
        assertThat(form(path, "helpful=no", "192.0.2.78").statusCode()).isEqualTo(303);
    }

    @Test
    void aStompBurstGetsRateLimitedOnTheErrorQueueKeepsTheConnectionAndStoresOnlyWhatWasAllowed() {
        String ada = session("Ada");
        String bob = session("Bob");
        String adaThread = api.startConversation(ada, null).get("id").asString();
        String bobThread = api.startConversation(bob, null).get("id").asString();
        try (StompTestClient adaClient = StompTestClient.connect(port, ada);
                StompTestClient bobClient = StompTestClient.connect(port, bob)) {
            adaClient.subscribe(ACKS).subscribe(ERRORS);
            bobClient.subscribe(ACKS).subscribe(ERRORS);
            // the acks queue is live once a first message is acknowledged
            adaClient.send(messages(adaThread), Map.of("clientMessageId", "a-0", "text", "hello"));
            adaClient.await(ACKS, a -> "a-0".equals(a.get("clientMessageId")));
            for (int i = 1; i <= 7; i++) {
                adaClient.send(messages(adaThread), Map.of("clientMessageId", "a-" + i, "text", "spam " + i));
            }
            for (int i = 1; i <= 4; i++) {
                String id = "a-" + i;
                adaClient.await(ACKS, a -> id.equals(a.get("clientMessageId")));
            }
            for (int i = 0; i < 3; i++) {
                Map<String, Object> error = adaClient.await(ERRORS, e -> "rate_limited".equals(e.get("code")));
                assertThat(error.get("destination")).isEqualTo(messages(adaThread));
                assertThat(((Number) error.get("retryAfterSeconds")).longValue()).isPositive();
            }
            assertThat(adaClient.connected()).isTrue();

            bobClient.send(messages(bobThread), Map.of("clientMessageId", "b-1", "text", "my own question"));
            assertThat(bobClient.await(ACKS, a -> "b-1".equals(a.get("clientMessageId"))).get("seq")).isEqualTo(1);

            // typing: a per-connection bucket of 3, no database involved
            for (int i = 0; i < 5; i++) {
                adaClient.send("/app/conversations/" + adaThread + "/typing", Map.of("typing", i % 2 == 0));
            }
            for (int i = 0; i < 2; i++) {
                Map<String, Object> error = adaClient.await(ERRORS, e -> "rate_limited".equals(e.get("code")));
                assertThat(error.get("destination")).isEqualTo("/app/conversations/" + adaThread + "/typing");
            }
            assertThat(adaClient.connected()).isTrue();
        }
        Api.Response history = api.get("/api/widget/conversations/" + adaThread + "/messages?after=0", ada);
        List<String> texts = new ArrayList<>();
        JsonNode body = history.json();
        JsonNode items = body.isArray() ? body : body.get("messages");
        items.forEach(m -> texts.add(m.get("text").asString()));
        assertThat(texts).containsExactly("hello", "spam 1", "spam 2", "spam 3", "spam 4");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413EvenWithoutADeclaredLength() {
        String ada = session("Ada");
        String big = "{\"subject\":\"" + "x".repeat(8 * 1024) + "\"}";
        HttpResponse<String> declared = post("/api/widget/conversations", ada, big, "192.0.2.9");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(declared.body()).get("code").asString()).isEqualTo("body_too_large");

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/widget/conversations"))
                .header("Authorization", "Bearer " + ada).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build());
        assertThat(chunked.statusCode()).isEqualTo(413);

        HttpResponse<String> smallChunked = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/widget/conversations"))
                .header("Authorization", "Bearer " + ada).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"subject\":\"ok\"}".getBytes()))).build());
        assertThat(smallChunked.statusCode()).isEqualTo(201);
        assertThat(api.get("/api/widget/conversations", ada).json().size()).isEqualTo(1);

        // not only the JSON API: the help centre's form posts too, before anything parses the form
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/help/en/any-article/feedback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("helpful=yes&junk=" + "x".repeat(8 * 1024))).build());
        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(form.body()).get("code").asString()).isEqualTo("body_too_large");
    }

    private String session(String name) {
        HttpResponse<String> response = post("/api/widget/sessions", null,
                "{\"name\":\"" + name + "\"}", "198.18." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
        assertThat(response.statusCode()).isEqualTo(201);
        return Api.JSON.readTree(response.body()).get("token").asString();
    }

    private HttpResponse<String> post(String path, String token, String json, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> get(String path, String forwardedFor) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Forwarded-For", forwardedFor).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messages(String conversationId) {
        return "/app/conversations/" + conversationId + "/messages";
    }

    private HttpResponse<String> form(String path, String body, String forwardedFor) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
