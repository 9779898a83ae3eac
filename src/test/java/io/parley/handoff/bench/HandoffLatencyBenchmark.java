package io.parley.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyApplication;
import io.parley.TestDatabase;
import io.parley.chat.Conversations;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handoff latency: from the bot's decision to hand off ({@code Conversations.requestHuman}, what the bot calls) to
 * the {@code queued} event, carrying the new ticket's number, arriving at an online agent's {@code /user/queue/inbox}
 * over a real STOMP connection. In between: the ownership transition, team and hours, routing, the ticket with its
 * built summary, the customer's system message, commit, and the broker. Also measured: the same from the customer's
 * "I want to talk to a person" (including the bot's turn). Run with
 * {@code ./mvnw -B -o -Pbench test -Dtest=HandoffLatencyBenchmark}.
 */
class HandoffLatencyBenchmark {

    static final int WARM_UP = 30;
    static final int MEASURED = 200;

    @Test
    void handoffLatency() throws Exception {
        Map<String, Object> db = TestDatabase.properties();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                "--parley.knowledge.index-dir=" + Files.createTempDirectory("bench-index"),
                "--parley.agent.admin-email=bench-admin@parley.test", "--parley.agent.admin-password=bench-admin-password"));
        db.forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port);
            Conversations conversations = app.getBean(Conversations.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            jdbc.sql("update agent_profile set presence = 'offline'").update();

            String admin = api.login("bench-admin@parley.test", "bench-admin-password");
            String email = "bench-agent-" + UUID.randomUUID() + "@parley.test";
            api.post("/api/agent/staff", admin, Map.of("email", email, "name", "Bench", "password", "bench-password-1",
                    "roles", List.of("AGENT")));
            String agentToken = api.login(email, "bench-password-1");
            api.put("/api/agent/presence", agentToken, Map.of("presence", "online"));
            String customerToken = api.session(Map.of("locale", "en")).get("token").asString();

            List<Double> decision = new ArrayList<>();
            List<Double> fromCustomer = new ArrayList<>();
            try (StompTestClient agent = StompTestClient.connect(port, agentToken);
                    StompTestClient customer = StompTestClient.connect(port, customerToken)) {
                agent.subscribe("/user/queue/inbox");
                Thread.sleep(200);
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    UUID id = UUID.fromString(api.startConversation(customerToken, null).get("id").asString());
                    long start = System.nanoTime();
                    conversations.requestHuman(id, "missing_knowledge", "Can I pay by cheque?");
                    Map<String, Object> queued = agent.await("/user/queue/inbox",
                            e -> "queued".equals(e.get("type")) && id.toString().equals(e.get("conversationId")));
                    double ms = (System.nanoTime() - start) / 1e6;
                    assertThat(((Map<?, ?>) ((Map<?, ?>) queued.get("conversation")).get("ticket")).get("number")).isNotNull();
                    if (i >= WARM_UP) {
                        decision.add(ms);
                    }
                    if (i % 2 == 0) {
                        String viaBot = api.startConversation(customerToken, null).get("id").asString();
                        customer.subscribeToConversation(viaBot);
                        long sent = System.nanoTime();
                        customer.send("/app/conversations/" + viaBot + "/messages", Map.of("clientMessageId", "h-" + i,
                                "text", "I want to talk to a person"));
                        agent.await("/user/queue/inbox", e -> "queued".equals(e.get("type")) && viaBot.equals(e.get("conversationId")));
                        if (i >= WARM_UP) {
                            fromCustomer.add((System.nanoTime() - sent) / 1e6);
                        }
                    }
                    // keep the agent's load steady: the benchmark measures handoffs, not a growing queue scan
                    jdbc.sql("update conversation set state = 'resolved', assignee = null where state in ('queued', 'assigned')").update();
                }
            }
            String line = String.join("\n", summary("decision → ticket → queued event at an online agent", decision),
                    summary("customer's request → bot → ticket → queued event", fromCustomer));
            System.out.println(line);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/handoff-latency.txt"), line + "\n");
        }
    }

    private static String summary(String what, List<Double> millis) {
        Collections.sort(millis);
        return String.format(Locale.ROOT, "%s, %d handoffs: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", what,
                millis.size(), millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.get(millis.size() - 1));
    }
}
