package io.parley.broker.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.ParleyApplication;
import io.parley.TestDatabase;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Idle widget connections on one node: the server runs in this JVM (so its heap can be measured), the connections
 * come from several {@link IdleWidgetClients} processes (a process may open at most 20,000 files). Every connection
 * is a real STOMP session subscribed to a conversation topic; liveness is a message posted to every conversation
 * right after connecting and again after the hold time, which every connection must receive.
 *
 * <pre>
 * ./mvnw -B -o -Pbench test -Dtest=IdleConnectionsBenchmark -Dbench.connections=19000 -Dbench.processes=4 -Dbench.hold=5m
 * </pre>
 */
public class IdleConnectionsBenchmark {

    private static final Pattern STATS = Pattern.compile("STATS open=(\\d+) connected=(\\d+) closed=(\\d+) failed=(\\d+) r1=(\\d+) r2=(\\d+)");

    private final int connections = Integer.getInteger("bench.connections", 2000);
    private final int processes = Integer.getInteger("bench.processes", 2);
    private final int customers = Integer.getInteger("bench.customers", 200);
    private final Duration hold = Duration.parse("PT" + System.getProperty("bench.hold", "1m").toUpperCase());
    private final Map<Integer, int[]> stats = new ConcurrentHashMap<>();

    /** Also runnable without Maven (java -cp test-classes:classes:dependencies ...), e.g. beside a running build. */
    public static void main(String[] args) throws Exception {
        new IdleConnectionsBenchmark().idleWidgetConnectionsStayAliveAndDeliver();
        System.exit(0);
    }

    @Test
    void idleWidgetConnectionsStayAliveAndDeliver() throws Exception {
        ConfigurableApplicationContext server = start();
        List<Process> clients = new ArrayList<>();
        try {
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port);
            List<String[]> sessions = new ArrayList<>();
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < customers; i++) {
                String token = api.session(Map.of("name", "Idle " + i)).get("token").asString();
                String conversation = api.startConversation(token, null).get("id").asString();
                sessions.add(new String[] { token, conversation });
                file.append(token).append(' ').append(conversation).append('\n');
            }
            Path sessionsFile = Files.createTempFile("parley-idle-sessions", ".txt");
            Files.writeString(sessionsFile, file);

            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            int perProcess = (connections + processes - 1) / processes;
            for (int p = 0; p < processes; p++) {
                int count = Math.min(perProcess, connections - p * perProcess);
                clients.add(spawn(p, port, count, sessionsFile, p * perProcess));
            }
            boolean allConnected = waitFor(i -> i[1] >= connections, Duration.ofMinutes(15));
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH connected %d of %d in %.1f s (%.0f sessions/s)%s%n", total(1), connections, setupSeconds,
                    total(1) / setupSeconds, allConnected ? "" : " (timed out)");

            // round 1: every conversation gets a message; every connection must see it
            Thread.sleep(2_000);
            broadcast(api, sessions, 1);
            boolean delivered1 = waitFor(i -> i[4] >= connections, Duration.ofMinutes(2));
            System.out.printf("BENCH round 1 delivered to %d of %d connections%s%n", total(4), connections, delivered1 ? "" : " (timed out)");

            long heapAfter = usedHeapAfterGc();
            int connected = total(1);
            System.out.printf("BENCH heap before %d MB, with %d connections %d MB: %.1f KB per connection%n",
                    heapBefore >> 20, connected, heapAfter >> 20, (heapAfter - heapBefore) / 1024.0 / Math.max(1, connected));
            histogram(Files.createTempFile("parley-idle-histogram", ".txt"));

            System.out.printf("BENCH holding for %s%n", hold);
            Thread.sleep(hold.toMillis());
            broadcast(api, sessions, 2);
            boolean delivered2 = waitFor(i -> i[5] >= connections, Duration.ofMinutes(2));
            System.out.printf("BENCH after %s: open %d, closed %d, failed %d, round 2 delivered to %d of %d%s%n", hold,
                    total(0), total(2), total(3), total(5), connections, delivered2 ? "" : " (timed out)");
            System.out.printf("BENCH load average %s, %d cores%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        }
        finally {
            clients.forEach(Process::destroy);
            server.close();
        }
    }

    private ConfigurableApplicationContext start() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("server.port", 0);
        properties.put("parley.knowledge.index-dir", Files.createTempDirectory("parley-bench-index").toString());
        properties.put("parley.knowledge.import-on-startup", false);
        properties.put("parley.assistant.enabled", false);
        properties.put("parley.limits.enabled", false);
        properties.put("parley.customer.token-secret", "bench-token-signing-key-0123456789");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(ParleyApplication.class).run(args);
    }

    private Process spawn(int index, int port, int count, Path sessions, int first) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx1200m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                IdleWidgetClients.class.getName(), Integer.toString(port), Integer.toString(count), sessions.toString(),
                Integer.toString(first)).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    Matcher m = STATS.matcher(line);
                    if (m.find()) {
                        int[] values = new int[6];
                        for (int i = 0; i < 6; i++) {
                            values[i] = Integer.parseInt(m.group(i + 1));
                        }
                        stats.put(index, values);
                    }
                    else if (!line.isBlank()) {
                        System.out.println("client " + index + ": " + line);
                    }
                }
            }
            catch (java.io.IOException ended) {
                // the process was stopped
            }
        }, "client-" + index);
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void broadcast(Api api, List<String[]> sessions, int round) {
        for (String[] session : sessions) {
            Api.Response posted = api.post("/api/widget/conversations/" + session[1] + "/messages", session[0],
                    Map.of("clientMessageId", "round-" + round, "text", "round-" + round));
            if (posted.status() >= 300) {
                throw new AssertionError("broadcast failed: " + posted.status() + " " + posted.body());
            }
        }
    }

    private boolean waitFor(java.util.function.Predicate<int[]> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastPrinted = -1;
        while (System.nanoTime() < deadline) {
            int[] sum = new int[6];
            stats.values().forEach(v -> {
                for (int i = 0; i < 6; i++) {
                    sum[i] += v[i];
                }
            });
            if (done.test(sum)) {
                return true;
            }
            if (sum[1] / 1000 != lastPrinted) {
                lastPrinted = sum[1] / 1000;
                System.out.printf("BENCH progress open=%d connected=%d closed=%d failed=%d r1=%d r2=%d%n", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]);
            }
            Thread.sleep(1_000);
        }
        return false;
    }

    private int total(int field) {
        return stats.values().stream().mapToInt(v -> v[field]).sum();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The server's heap by class (jcmd GC.class_histogram on this JVM): what the connections cost. */
    private static void histogram(Path out) {
        try {
            long pid = ProcessHandle.current().pid();
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            p.waitFor();
            Files.readAllLines(out).stream().limit(25).forEach(l -> System.out.println("HISTO " + l));
        }
        catch (Exception e) {
            System.out.println("BENCH no histogram: " + e.getMessage());
        }
    }
}
