package io.parley.insight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import io.parley.support.Api;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A real webhook receiver for the insight tests: the JDK's HTTP server on a free local port, recording every
 * delivery (headers lower-cased, body, the status it answered) and answering what {@code answer} says (204 unless
 * told otherwise).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery as it arrived. */
    record Received(Map<String, String> headers, String body, int answered) {

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String event() {
            return headers.get("x-parley-event");
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private WebhookReceiver(IntSupplier answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer.getAsInt();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookReceiver answering204() {
        return new WebhookReceiver(() -> 204);
    }

    static WebhookReceiver answering(IntSupplier status) {
        return new WebhookReceiver(status);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The first delivery that matches, waiting up to {@code timeout} for it. */
    Received await(Predicate<Received> matching, Duration timeout) {
        return Awaitility.await("a webhook delivery that matches; got " + received.size()).atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().filter(matching).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
