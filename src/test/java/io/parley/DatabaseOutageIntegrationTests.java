package io.parley;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.core.DatabaseCircuit;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on its embedded PostgreSQL, whose server crashes (immediate stop: no checkpoint, recovery on the
 * next start) and comes back under a live conversation: what was acknowledged before is all there, a message sent
 * while the database is away gets the retryable {@code unavailable} (and health is DOWN), and the client's resend
 * with the same clientMessageId lands once when it is back; the bot answers it then. Once the first caller has found
 * the server unreachable, the database circuit makes the others fail at once rather than wait the connection timeout.
 */
class DatabaseOutageIntegrationTests {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(8);

    @TempDir
    Path temp;

    @Test
    void nothingAcknowledgedIsLostAndTheResendAfterAnOutageLandsOnce() throws Exception {
        Path dataDir = temp.resolve("pg");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                // as command-line arguments: properties() would be defaults, which application.yml overrides
                .run(java.util.stream.Stream.of("server.port=0", "parley.database.embedded-data-dir=" + dataDir, "parley.knowledge.embedding.model=none",
                "parley.knowledge.index-dir=" + temp.resolve("index"),
                // a long wait for a connection, so that failing at once (the open circuit) is told from waiting it out
                "parley.database.connection-timeout=" + CONNECTION_TIMEOUT.toSeconds() + "s",
                "parley.database.circuit-open-for=20s",
                "parley.events.resubmit-interval=1s", "parley.events.resubmit-min-age=1s",
                "parley.customer.token-secret=test-token-signing-key-0123456789",
                "parley.agent.admin-email=" + ParleyIntegrationTest.ADMIN_EMAIL,
                "parley.agent.admin-password=" + ParleyIntegrationTest.ADMIN_PASSWORD).map(p -> "--" + p).toArray(String[]::new));
        StompTestClient client = null;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Api api = new Api(port);
            var session = api.session(Map.of("locale", "en"));
            String token = session.get("token").asString();
            String conversationId = api.startConversation(token, null).get("id").asString();
            client = StompTestClient.connect(port, token).subscribe("/user/queue/acks").subscribe("/user/queue/errors");
            String destination = "/app/conversations/" + conversationId + "/messages";

            Map<String, Object> acked = new LinkedHashMap<>();
            for (int i = 1; i <= 10; i++) {
                String id = "before-" + i;
                client.send(destination, Map.of("clientMessageId", id, "text", "Question number " + i + "?"));
                acked.put(id, client.await("/user/queue/acks", a -> id.equals(a.get("clientMessageId"))).get("messageId"));
            }

            PostgresProcess postgres = PostgresProcess.of(dataDir);
            postgres.crash();
            DatabaseCircuit circuit = context.getBean(DatabaseCircuit.class);
            assertThat(circuit.isOpen()).isFalse();
            // a caller that waits for a new connection finds the server unreachable and opens the circuit; before
            // that, a caller may meet a pooled connection that the crash broke (DOWN too, but seen by the pool only)
            await("the circuit opens").atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(api.get("/actuator/health", null).status()).as("health while the database is away").isEqualTo(503);
                return circuit.isOpen();
            });

            // the callers after it fail at once instead of each waiting the connection timeout
            long healthStart = System.nanoTime();
            assertThat(api.get("/actuator/health", null).status()).as("health with the circuit open").isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - healthStart)).isLessThan(CONNECTION_TIMEOUT.dividedBy(2));
            String outageId = "during-outage";
            long sendStart = System.nanoTime();
            client.send(destination, Map.of("clientMessageId", outageId, "text", "How do I reset my password?"));
            Map<String, Object> refused = client.await("/user/queue/errors", e -> outageId.equals(e.get("clientMessageId")));
            assertThat(Duration.ofNanos(System.nanoTime() - sendStart)).as("refused at once")
                    .isLessThan(CONNECTION_TIMEOUT.dividedBy(2));
            // the refusal reached the customer: the outbound revocation check kept the session while the circuit is open
            assertThat(refused).containsEntry("code", "unavailable").containsEntry("retryable", true);

            postgres.start();
            // the client's outbox resends until it is acknowledged (the circuit lets a probe through after its period)
            StompTestClient resender = client;
            Map<String, Object> ack = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        resender.send(destination, Map.of("clientMessageId", outageId, "text", "How do I reset my password?"));
                        try {
                            return resender.await("/user/queue/acks", a -> outageId.equals(a.get("clientMessageId")));
                        }
                        catch (AssertionError stillAway) {
                            return null;
                        }
                    }, java.util.Objects::nonNull);
            assertThat(circuit.isOpen()).as("closed again once a connection was had").isFalse();
            client.send(destination, Map.of("clientMessageId", outageId, "text", "How do I reset my password?"));
            Map<String, Object> again = client.await("/user/queue/acks", a -> outageId.equals(a.get("clientMessageId")));
            assertThat(again).containsEntry("duplicate", true).containsEntry("messageId", ack.get("messageId"));
            await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/actuator/health", null).status() == 200);

            Conversations conversations = context.getBean(Conversations.class);
            List<ChatMessage> stored = conversations.messagesAfter(UUID.fromString(conversationId), 0, 200);
            for (var entry : acked.entrySet()) {
                assertThat(stored).as("acknowledged " + entry.getKey())
                        .filteredOn(m -> entry.getKey().equals(m.clientMessageId())).singleElement()
                        .extracting(m -> m.id().toString()).isEqualTo(entry.getValue());
            }
            assertThat(stored).filteredOn(m -> outageId.equals(m.clientMessageId())).hasSize(1);
            // and the work after the commit flows again: the bot answers the question that was resent
            String answerKey = "bot-reply:" + ack.get("messageId");
            await("the bot's answer after the outage").atMost(Duration.ofSeconds(90))
                    .until(() -> conversations.messagesAfter(UUID.fromString(conversationId), 0, 200).stream()
                            .anyMatch(m -> answerKey.equals(m.clientMessageId())));
        }
        finally {
            if (client != null) {
                client.close();
            }
            context.close();
        }
        assertThat(EmbeddedPostgresServer.postmaster(dataDir)).as("closing the application stops its server").isEmpty();
    }

    /** The embedded server's postmaster, stopped like a crash and started again with the same arguments. */
    record PostgresProcess(Path dataDir, Path bin, List<String> options) {

        static PostgresProcess of(Path dataDir) throws Exception {
            long pid = EmbeddedPostgresServer.postmaster(dataDir).orElseThrow().pid();
            String[] argv = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8).split("\0");
            List<String> options = new ArrayList<>();
            for (int i = 1; i < argv.length; i++) {
                if (argv[i].equals("-D")) {
                    i++;
                }
                else {
                    options.add(argv[i]);
                }
            }
            return new PostgresProcess(dataDir, Path.of(argv[0]).getParent(), options);
        }

        void crash() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        }

        void start() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "120",
                    "-l", dataDir.resolveSibling("restart.log").toString(), "-o", String.join(" ", options), "start"));
        }

        private static void run(List<String> command) throws Exception {
            // pg_ctl refuses to run as root; like zonky itself, run it in a user namespace of its own there
            List<String> full = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                full.addAll(List.of("unshare", "-U"));
            }
            full.addAll(command);
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(150, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        }
    }
}
