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

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.parley.ParleyApplication;
import io.parley.core.SignedTokens;
import io.parley.TestDatabase;
import io.parley.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * Idle widget connections on one node: the server runs in this JVM (so its heap can be measured), the connections
 * come from several {@link IdleWidgetClients} processes (a process may open at most 20,000 files). Every connection
 * is a real STOMP session of its own customer, subscribed to that customer's conversation topic, heart-beating.
 * Liveness is checked right after connecting and again after the hold time: every connection sends a typing
 * indicator and must receive its echo on the subscription.
 *
 * <p>The first {@code bench.rest-sessions} customers open their widget session and conversation through the REST
 * API (which gives the set-up rate of that path); the others are written to the database directly, with tokens
 * signed by the same key, so that 19,000 set-ups do not eat the measurement window.
 *
 * <pre>
 * ./mvnw -B -o -Pbench test -Dtest=IdleConnectionsBenchmark -Dbench.connections=19000 -Dbench.processes=4 -Dbench.hold=5m
 * </pre>
 */
public class IdleConnectionsBenchmark {

    private static final Pattern STATS = Pattern.compile("STATS open=(\\d+) connected=(\\d+) closed=(\\d+) failed=(\\d+) r1=(\\d+) r2=(\\d+)");
    private static final String TOKEN_SECRET = "bench-token-signing-key-0123456789";

    private final int connections = Integer.getInteger("bench.connections", 2000);
    private final int processes = Integer.getInteger("bench.processes", 2);
    private final int restSessions = Integer.getInteger("bench.rest-sessions", 200);
    private final int roundSeconds = Integer.getInteger("bench.round-seconds", 20);
    private final Duration hold = Duration.parse("PT" + System.getProperty("bench.hold", "1m").toUpperCase());
    private final Map<Integer, int[]> stats = new ConcurrentHashMap<>();

    /** Also runnable without Maven (java -cp test-classes:classes:dependencies ...), e.g. beside a running build. */
    public static void main(String[] args) throws Exception {
        new IdleConnectionsBenchmark().idleWidgetConnectionsStayAliveAndDeliver();
        System.exit(0);
    }

    @Test
    void idleWidgetConnectionsStayAliveAndDeliver() throws Exception {
        long began = System.nanoTime();
        ConfigurableApplicationContext server = start();
        System.out.printf("BENCH server started in %.1f s%n", (System.nanoTime() - began) / 1e9);
        List<Process> clients = new ArrayList<>();
        try {
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            Path sessionsFile = Files.createTempFile("parley-idle-sessions", ".txt");
            Files.write(sessionsFile, sessions(server, new Api(port)));
            SimpUserRegistry users = server.getBean(SimpUserRegistry.class);

            long heapBefore = usedHeapAfterGc();
            long rssBefore = rssKb();
            Map<String, long[]> histogramBefore = histogram(Files.createTempFile("parley-idle-histogram-0", ".txt"), false);
            Map<String, Long> nativeBefore = nativeMemory();
            long start = System.nanoTime();
            int perProcess = (connections + processes - 1) / processes;
            for (int p = 0; p < processes; p++) {
                int count = Math.min(perProcess, connections - p * perProcess);
                clients.add(spawn(p, port, count, sessionsFile, p * perProcess));
            }
            boolean allConnected = waitFor(i -> i[1] >= connections, Duration.ofMinutes(10));
            double setupSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH connected %d of %d in %.1f s (%.0f connections/s, client JVM start included)%s%n",
                    total(1), connections, setupSeconds, total(1) / setupSeconds, allConnected ? "" : " (timed out)");

            // round 1: every connection sends a typing indicator and must get its echo
            Thread.sleep(2_000);
            round(clients, 1);
            boolean live1 = waitFor(i -> i[4] >= connections, Duration.ofSeconds(roundSeconds + 90));
            System.out.printf("BENCH round 1: %d of %d connections echoed%s%n", total(4), connections, live1 ? "" : " (timed out)");

            long heapAfter = usedHeapAfterGc();
            long rssAfter = rssKb();
            int connected = total(1);
            System.out.printf("BENCH heap before %d MB, with %d connections %d MB: %.1f KB per connection; "
                    + "resident %d MB -> %d MB: %.1f KB per connection; server users %d%n",
                    heapBefore >> 20, connected, heapAfter >> 20, (heapAfter - heapBefore) / 1024.0 / Math.max(1, connected),
                    rssBefore >> 10, rssAfter >> 10, (rssAfter - rssBefore) / (double) Math.max(1, connected), users.getUserCount());
            Map<String, long[]> histogramAfter = histogram(Files.createTempFile("parley-idle-histogram", ".txt"), true);
            growth(histogramBefore, histogramAfter, connected);
            Map<String, Long> nativeAfter = nativeMemory();
            nativeAfter.forEach((category, kb) -> System.out.printf("NATIVE %-28s committed %8d KB -> %8d KB: %6.1f KB per connection%n",
                    category, nativeBefore.getOrDefault(category, 0L), kb,
                    (kb - nativeBefore.getOrDefault(category, 0L)) / (double) Math.max(1, connected)));

            System.out.printf("BENCH holding for %s%n", hold);
            long holdUntil = System.nanoTime() + hold.toNanos();
            while (System.nanoTime() < holdUntil) {
                Thread.sleep(Math.min(30_000, Math.max(1, (holdUntil - System.nanoTime()) / 1_000_000)));
                System.out.printf("BENCH holding: open %d, closed %d, failed %d, server users %d, load %.1f%n", total(0),
                        total(2), total(3), users.getUserCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            round(clients, 2);
            boolean live2 = waitFor(i -> i[5] >= connections, Duration.ofSeconds(roundSeconds + 90));
            System.out.printf("BENCH after %s: open %d, closed %d, failed %d, round 2: %d of %d connections echoed%s%n", hold,
                    total(0), total(2), total(3), total(5), connections, live2 ? "" : " (timed out)");
            System.out.printf("BENCH load average %s, %d cores, total %.0f s%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors(),
                    (System.nanoTime() - began) / 1e9);
        }
        finally {
            clients.forEach(Process::destroy);
            server.close();
        }
    }

    /** One {@code token conversationId} line per connection, each its own customer. */
    private List<String> sessions(ConfigurableApplicationContext server, Api api) {
        List<String> lines = new ArrayList<>(connections);
        int viaRest = Math.min(restSessions, connections);
        long restStart = System.nanoTime();
        for (int i = 0; i < viaRest; i++) {
            String token = api.session(Map.of("name", "Idle " + i)).get("token").asString();
            String conversation = api.startConversation(token, null).get("id").asString();
            lines.add(token + " " + conversation);
        }
        double restSeconds = (System.nanoTime() - restStart) / 1e9;
        System.out.printf("BENCH %d widget sessions + conversations through REST in %.1f s (%.0f/s)%n", viaRest, restSeconds,
                viaRest / Math.max(restSeconds, 1e-9));
        long sqlStart = System.nanoTime();
        JdbcTemplate jdbc = new JdbcTemplate(server.getBean(DataSource.class));
        SignedTokens tokens = new SignedTokens(TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        Instant expires = Instant.now().plus(Duration.ofHours(12));
        List<Object[]> customers = new ArrayList<>();
        List<Object[]> conversations = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = viaRest; i < connections; i++) {
            UUID customer = UUID.randomUUID();
            UUID conversation = UUID.randomUUID();
            customers.add(new Object[] { customer, "bench-" + customer, "Idle " + i, now, now });
            conversations.add(new Object[] { conversation, customer, now, now });
            lines.add(tokens.issue("c:" + customer, expires) + " " + conversation);
        }
        jdbc.batchUpdate("insert into customer (id, visitor_id, name, created_at, last_seen_at) values (?, ?, ?, ?, ?)", customers);
        jdbc.batchUpdate("insert into conversation (id, customer_id, created_at, last_message_at) values (?, ?, ?, ?)", conversations);
        System.out.printf("BENCH %d more customers + conversations written directly in %.1f s%n", customers.size(),
                (System.nanoTime() - sqlStart) / 1e9);
        return lines;
    }

    private void round(List<Process> clients, int round) throws java.io.IOException {
        for (Process client : clients) {
            client.getOutputStream().write(("ROUND " + round + " " + roundSeconds + "\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
        }
    }

    private ConfigurableApplicationContext start() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("server.port", 0);
        properties.put("parley.knowledge.index-dir", Files.createTempDirectory("parley-bench-index").toString());
        properties.put("parley.knowledge.import-on-startup", false);
        properties.put("parley.assistant.enabled", false);
        properties.put("parley.limits.enabled", false);
        properties.put("parley.customer.token-secret", TOKEN_SECRET);
        properties.put("logging.level.root", "WARN");
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

    private static long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        }
        catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The server's heap by class (jcmd GC.class_histogram on this JVM): class name to {instances, bytes}. */
    private static Map<String, long[]> histogram(Path out, boolean print) {
        Map<String, long[]> classes = new HashMap<>();
        try {
            long pid = ProcessHandle.current().pid();
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            p.waitFor();
            Pattern row = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
            for (String line : Files.readAllLines(out)) {
                Matcher m = row.matcher(line);
                if (m.matches()) {
                    classes.put(m.group(3), new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) });
                }
            }
            if (print) {
                Files.readAllLines(out).stream().limit(20).forEach(l -> System.out.println("HISTO " + l));
            }
        }
        catch (Exception e) {
            System.out.println("BENCH no histogram: " + e.getMessage());
        }
        return classes;
    }

    /**
     * Committed memory by native memory tracking category (needs {@code -XX:NativeMemoryTracking=summary} on this JVM;
     * empty without it): what the resident set is made of besides the live heap.
     */
    private static Map<String, Long> nativeMemory() {
        Map<String, Long> categories = new java.util.LinkedHashMap<>();
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("(?m)^(?:-\\s+(.+?)|(Total)):?\\s*\\(reserved=\\d+KB, committed=(\\d+)KB").matcher(out);
            while (m.find()) {
                categories.put(m.group(1) != null ? m.group(1).trim() : "Total", Long.parseLong(m.group(3)));
            }
        }
        catch (Exception e) {
            System.out.println("BENCH no native memory summary: " + e.getMessage());
        }
        return categories;
    }

    /** What the connections added, by class: the biggest growth in bytes per connection. */
    private static void growth(Map<String, long[]> before, Map<String, long[]> after, int connections) {
        record Growth(String name, long instances, long bytes) {
        }
        List<Growth> grown = new ArrayList<>();
        after.forEach((name, a) -> {
            long[] b = before.getOrDefault(name, new long[2]);
            grown.add(new Growth(name, a[0] - b[0], a[1] - b[1]));
        });
        grown.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        long total = grown.stream().mapToLong(Growth::bytes).sum();
        System.out.printf("BENCH heap growth by class, %d connections: %.1f KB per connection in all%n", connections,
                total / 1024.0 / Math.max(1, connections));
        grown.stream().limit(25).forEach(g -> System.out.printf("GROWTH %10.1f instances %9.0f bytes per connection  %s%n",
                g.instances() / (double) Math.max(1, connections), g.bytes() / (double) Math.max(1, connections), g.name()));
    }
}
