package io.parley.assistant.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat completions endpoint on a free local port: answers {@code POST /v1/chat/completions}
 * as the test tells it, and records what it was sent.
 */
final class FakeOpenAiServer implements AutoCloseable {

    static final JsonMapper json = JsonMapper.builder().build();

    /** How to answer one request. */
    interface Behaviour {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-openai");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** Released on close, so handlers that stall let go of their threads. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Behaviour behaviour = reply("NO_ANSWER");

    record Recorded(String path, Map<String, List<String>> headers, JsonNode body) {
        String authorization() {
            return headers.getOrDefault("Authorization", List.of("")).get(0);
        }

        /** The content of every message, joined. */
        String allContent() {
            StringBuilder text = new StringBuilder();
            body.get("messages").forEach(message -> text.append(message.get("content").asString()).append('\n'));
            return text.toString();
        }

        String content(String role) {
            for (JsonNode message : body.get("messages")) {
                if (message.get("role").asString().equals(role)) {
                    return message.get("content").asString();
                }
            }
            throw new AssertionError("no " + role + " message in " + body);
        }
    }

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.add(new Recorded(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        body.length == 0 ? json.createObjectNode() : json.readTree(body)));
                if (!exchange.getRequestMethod().equals("POST")
                        || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                    send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                    return;
                }
                behaviour.respond(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout tests): nothing to answer
            }
        });
        server.start();
    }

    /** The base URL to configure, ending in {@code /v1} like OpenAI's and Ollama's. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void answer(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    /** A normal completion with {@code content}. */
    static Behaviour reply(String content) {
        return completion(content, "stop");
    }

    static Behaviour completion(String content, String finishReason) {
        return exchange -> {
            var message = json.createObjectNode().put("role", "assistant").put("content", content);
            var choice = json.createObjectNode().put("index", 0).put("finish_reason", finishReason);
            choice.set("message", message);
            var response = json.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                    .put("created", 1_700_000_000L).put("model", "test-model");
            response.putArray("choices").add(choice);
            response.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20)
                    .put("total_tokens", 120);
            send(exchange, 200, json.writeValueAsString(response));
        };
    }

    static Behaviour status(int status) {
        return exchange -> send(exchange, status, "{\"error\":{\"message\":\"server exploded\",\"type\":\"server_error\"}}");
    }

    /** Accepts the request and never answers (until the server closes). */
    Behaviour hang() {
        return exchange -> closed.await(30, TimeUnit.SECONDS);
    }

    /** Sends the status and headers, then stalls before the body: only an outer deadline can end this. */
    Behaviour stallAfterHeaders() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            closed.await(30, TimeUnit.SECONDS);
        };
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
