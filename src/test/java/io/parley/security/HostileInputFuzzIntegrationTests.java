package io.parley.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15: malformed, oversized and hostile bodies and frames at every public entry point. Each gets a clear error
 * (problem+json with a {@code code}, or a STOMP ERROR / error message with one), nothing half-stored, and the server
 * keeps serving.
 */
@ParleyIntegrationTest
class HostileInputFuzzIntegrationTests extends SecurityTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    static List<String> hostileBodies() {
        List<String> bodies = new ArrayList<>(List.of("", "{", "}", "[]", "null", "42", "\"text\"", "{\"email\": ",
                "{\"email\": 5, \"password\": [1]}", "{\"text\": {\"nested\": true}}", "{\"a\":1,\"a\":2",
                "{\"score\": 1e400}", "{\"score\": \"five\"}", "<xml/>", "\u0000\u0001\u0002"));
        bodies.add("[".repeat(20_000) + "]".repeat(20_000));
        bodies.add("{\"text\": \"" + "x".repeat(2_000_000) + "\", \"clientMessageId\": \"big\"}");
        bodies.add("{\"name\": \"" + "\\u0000".repeat(10_000) + "\"}");
        return bodies;
    }

    @Test
    void hostileBodiesToEveryPublicAndCustomerEndpointGetAClearErrorAndStoreNothing() throws Exception {
        Customer customer = customer();
        String messages = "/api/widget/conversations/" + customer.conversation() + "/messages";
        long customersBefore = count("customer");
        long messagesBefore = count("message where conversation_id = '" + customer.conversation() + "'");
        List<String> unclear = new ArrayList<>();

        for (String body : hostileBodies()) {
            for (String path : List.of("/api/auth/login", "/api/widget/sessions", messages, "/api/widget/conversations",
                    "/api/widget/conversations/" + customer.conversation() + "/rating")) {
                String token = path.startsWith("/api/widget/conversations") ? customer.token() : null;
                for (String contentType : List.of("application/json", "text/plain")) {
                    HttpResponse<String> response = post(path, token, contentType, body);
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        if (response.statusCode() >= 500 || !hasCode(response)) {
                            unclear.add(path + " [" + contentType + "] " + abbreviate(body) + " -> " + response.statusCode()
                                    + " " + abbreviate(response.body()));
                        }
                    }
                }
            }
        }

        assertThat(unclear).isEmpty();
        assertThat(count("message where conversation_id = '" + customer.conversation() + "'"))
                .as("no hostile body stored a message").isEqualTo(messagesBefore);
        // a body that parses as an empty object may start a session: never more than one per request sent
        assertThat(count("customer")).isLessThanOrEqualTo(customersBefore + 2L * hostileBodies().size());
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void hostileQueryParametersGetAClearError() throws Exception {
        List<String> unclear = new ArrayList<>();
        // a request line beyond Tomcat's 8 KiB header limit is refused by the container before any application code
        // (a bare 400): no 5xx, nothing else to ask of it
        HttpResponse<String> oversized = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/search?q=" + "a".repeat(100_000)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(oversized.statusCode()).isBetween(400, 499);
        for (String query : List.of("q=" + "%00".repeat(1000), "q=a%00b", "q=a%01b%1Fc", "q=%7F", "q=" + "a".repeat(5_000), "locale=" + "x".repeat(5000),
                "q=(((((((((((((((((((", "q=*:*", "q=title:%22a%22~999999", "q=a&limit=-1", "q=a&limit=99999999999")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/search?" + query)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() >= 400 && !hasCode(response)) {
                unclear.add(query.substring(0, Math.min(40, query.length())) + " -> " + response.statusCode());
            }
            if (query.startsWith("q=a%0") || query.startsWith("q=%7F") || query.startsWith("q=%00")) {
                assertThat(response.statusCode()).as(query).isEqualTo(400);
            }
        }
        for (String path : List.of("/api/help/" + "x".repeat(3000) + "/y", "/api/help/en/%2e%2e%2f%2e%2e%2fetc", "/api/help/en/a;b")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                unclear.add(path.substring(0, Math.min(40, path.length())) + " -> " + response.statusCode());
            }
        }
        assertThat(unclear).isEmpty();
    }

    @Test
    void garbageStompFramesGetAnErrorFrameAndTheServerStaysUp() throws Exception {
        Customer customer = customer();
        List<String> frames = List.of("GARBAGE\n\n\u0000", "CONNECT\naccept-version:9.9\n\n\u0000",
                "CONNECT\n" + "x-header:" + "h".repeat(30_000) + "\n\n\u0000",
                "SEND\ndestination:/app/conversations/" + customer.conversation() + "/messages\n\n{}\u0000",
                "CONNECT\nAuthorization:Bearer " + "A".repeat(5000) + "\n\n\u0000",
                "CONNECT\ncontent-length:-5\n\n\u0000", "\u0000\u0000\u0000",
                // incomplete frames Spring would buffer and never answer
                "SEND\ndestination:/app/x\ncontent-length:100\n\n{}\u0000", "CONNECT\n\n", "CONNECT\n\n\u0000SEND\n");
        for (String frame : frames) {
            RawSocket socket = RawSocket.open(port);
            socket.send(frame);
            String reply = socket.awaitFrameOrClose();
            // an ERROR frame with a code and a reason, never silence and never a bare close
            assertThat(reply).as(abbreviate(frame)).startsWith("ERROR").contains("code:").contains("message:");
            socket.close();
        }
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        StompTestClient stillWorks = connect(customer.token());
        assertThat(stillWorks.connected()).isTrue();
    }

    @Test
    void malformedAndOversizedMessagesOverStompAreRefusedWithAReasonAndNothingIsStored() {
        Customer customer = customer();
        StompTestClient client = connect(customer.token());
        client.subscribe("/user/queue/errors");
        String send = "/app/conversations/" + customer.conversation() + "/messages";
        long before = count("message where conversation_id = '" + customer.conversation() + "'");

        client.sendRaw(send, "{\"clientMessageId\": \"broken\", \"text\": ");
        Object first = firstErrorCode(client);
        client = connect(customer.token());
        client.subscribe("/user/queue/errors");
        // 20,000 characters: far over the text limit, under the 64 KiB frame limit that Tomcat now buffers
        client.send(send, Map.of("clientMessageId", "long", "text", "y".repeat(20_000)));
        Object second = firstErrorCode(client);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(count("message where conversation_id = '" + customer.conversation() + "'")).isEqualTo(before);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void aNoteOfEightThousandCharactersNoLongerClosesTheSocket() {
        Customer customer = customer();
        StompTestClient client = connect(customer.token());
        client.subscribe("/user/queue/errors");

        client.send("/app/conversations/" + customer.conversation() + "/messages",
                Map.of("clientMessageId", "eight-k", "text", "z".repeat(8_000)));

        Map<String, Object> error = client.await("/user/queue/errors");
        assertThat(error.toString()).contains("too_long");
        assertThat(client.connected()).as("a refused message leaves the socket open").isTrue();
    }

    /** The reason arrives as an ERROR frame (socket closed) or on /user/queue/errors (socket open). */
    private static Object firstErrorCode(StompTestClient client) {
        Awaitility.await("an error on the queue or an ERROR frame").atMost(StompTestClient.WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !client.history("/user/queue/errors").isEmpty() || !client.connected());
        List<Map<String, Object>> queued = client.history("/user/queue/errors");
        return queued.isEmpty() ? client.awaitError().get("codeHeader") : queued.get(0).get("code");
    }

    private long count(String tableAndCondition) {
        return jdbc.sql("select count(*) from " + tableAndCondition).query(Long.class).single();
    }

    private HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean hasCode(HttpResponse<String> response) {
        try {
            return Api.JSON.readTree(response.body()).hasNonNull("code");
        }
        catch (RuntimeException notJson) {
            return false;
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…(" + s.length() + ")" : printable;
    }

    /** A WebSocket speaking raw text at /ws, for frames no STOMP client would send. */
    static final class RawSocket extends TextWebSocketHandler {

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private WebSocketSession session;

        static RawSocket open(int port) throws Exception {
            RawSocket socket = new RawSocket();
            socket.session = new StandardWebSocketClient().execute(socket, "ws://localhost:" + port + "/ws")
                    .get(5, TimeUnit.SECONDS);
            return socket;
        }

        void send(String text) throws Exception {
            session.sendMessage(new TextMessage(text));
        }

        /** The first frame the server sends, or {@code CLOSED <status>} when it closes without one. */
        String awaitFrameOrClose() throws InterruptedException {
            String first = received.poll(10, TimeUnit.SECONDS);
            return first == null ? "NOTHING" : first;
        }

        void close() throws Exception {
            if (session.isOpen()) {
                session.close();
            }
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            received.add(message.getPayload());
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            received.add("CLOSED " + status);
        }
    }
}
