package io.parley.assistant.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Bot reply latency, throughput and server CPU per answer with the server in <b>its own process</b>, as the issues
 * measure it: a black-box load client (this JVM: real STOMP clients over loopback) against the application started
 * with {@code java -cp ... io.parley.ParleyApplication} and its own embedded PostgreSQL. In one JVM the clients, the
 * server and the model share a heap, a JIT and a GC, and the figures cannot say which of them costs what.
 * <p>
 * Levels of 1, 10 and 40 customers, each with new questions (first time asked: every reply pays for its query
 * embedding) and repeated ones (the query-embedding cache answers); see {@link BotLoadBenchmark} for the loop. For
 * each pass the server's CPU (utime + stime of the Java process and of its PostgreSQL processes, from
 * {@code /proc/PID/stat}; the server's processes are found by an environment marker) is divided by the answers.
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=BotServerLoadBenchmark}, options: {@code -Dbench.jfr=/tmp/server.jfr}
 * (a JFR recording of the server, settings=profile), {@code -Dbench.server.args="--a=b --c=d"} (extra application
 * arguments, e.g. a pool size to compare), {@code -Dbench.server.jvm="-Xmx512m"}, {@code -Dbench.scale=0.5} (fewer
 * answers per level). Results go to {@code target/bench/bot-server-load.txt}.
 */
class BotServerLoadBenchmark {

    private static final int[] CUSTOMERS = {1, 10, 40};
    private static final int[] ANSWERS = {80, 200, 400};

    @Test
    void botReplyWithTheServerInItsOwnProcess() throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        String marker = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("bench-server");
        int port = freePort();
        MARKED_WORK.put(marker, work.resolve("postgres").toString());
        Process server = startServer(marker, work, port);
        List<String> out = new ArrayList<>();
        try {
            awaitReady(port, server);
            out.add(BotLoadBenchmark.print("server: " + String.join(" ", serverCommand(work, port)).replaceAll("-cp \\S+", "-cp <test classpath>")));
            Api api = new Api(port);
            List<String> fresh = new ArrayList<>(BotLoadBenchmark.questions());
            List<String> asked = new ArrayList<>();
            BotLoadBenchmark.run(api, port, 2, BotLoadBenchmark.take(fresh, 40, asked)); // warm-up: JIT, pools, caches
            BotLoadBenchmark.run(api, port, 10, new ArrayList<>(asked)); // and the repeated path
            for (int level = 0; level < CUSTOMERS.length; level++) {
                int n = (int) Math.round(ANSWERS[level] * scale);
                List<String> batch = BotLoadBenchmark.take(fresh, n, asked);
                out.add(BotLoadBenchmark.print(measured("new questions", CUSTOMERS[level], api, port, batch, marker)));
                List<String> repeats = new ArrayList<>(asked.subList(0, Math.min(n, asked.size())));
                Collections.shuffle(repeats, new java.util.Random(level));
                out.add(BotLoadBenchmark.print(measured("repeated questions", CUSTOMERS[level], api, port, repeats, marker)));
            }
            out.add(BotLoadBenchmark.print("server memory: " + serverStatus(marker)));
        } finally {
            server.destroy(); // SIGTERM: graceful shutdown, the JFR recording is dumped on exit
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        out.add(BotLoadBenchmark.print("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", load "
                + Files.readString(Path.of("/proc/loadavg")).trim()));
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/bot-server-load.txt"), out);
    }

    private static String measured(String what, int customers, Api api, int port, List<String> texts, String marker) throws Exception {
        long[] before = serverCpu(marker);
        long clientBefore = clientCpu();
        BotLoadBenchmark.Run run = BotLoadBenchmark.run(api, port, customers, texts);
        long[] after = serverCpu(marker);
        long client = clientCpu() - clientBefore;
        int answers = Math.max(1, run.millis().size());
        return BotLoadBenchmark.report(what, customers, run) + String.format(Locale.ROOT,
                "; server CPU %.1f ms/answer (java %.1f, postgres %.1f), client CPU %.1f ms/answer (incl. conversation setup)",
                (after[0] - before[0] + after[1] - before[1]) * 10.0 / answers, (after[0] - before[0]) * 10.0 / answers,
                (after[1] - before[1]) * 10.0 / answers, client / 1e6 / answers);
    }

    static List<String> serverCommand(Path work, int port) {
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")) // the application as packaged: main classes and their libraries
                // -Dbench.server.classes=DIR: another build's classes (a before/after comparison from one checkout)
                .map(e -> e.endsWith("target/classes") ? System.getProperty("bench.server.classes", e) : e)
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jvm = System.getProperty("bench.server.jvm", "");
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        cmd.addAll(List.of("-cp", classpath, "io.parley.ParleyApplication", "--server.port=" + port,
                "--logging.level.root=WARN",
                "--parley.database.embedded-data-dir=" + work.resolve("postgres"),
                "--parley.knowledge.index-dir=" + work.resolve("index"),
                // every benchmark customer is 127.0.0.1 and asks many questions in a row: limits are not measured here
                "--parley.limits.enabled=false"));
        String extra = System.getProperty("bench.server.args", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        return cmd;
    }

    private static Process startServer(String marker, Path work, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(serverCommand(work, port)).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile());
        pb.environment().put("PARLEY_BENCH_SERVER", marker);
        System.out.println("server log: " + work.resolve("server.log"));
        return pb.start();
    }

    /** Up, and the sample knowledge base fully indexed (vectors included). */
    private static void awaitReady(int port, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health/knowledge")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("complete")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not become ready in 5 minutes");
    }

    /**
     * Clock ticks (100 Hz) of the server's processes, reaped children included: {java, postgres}. The Java process
     * carries the environment marker; PostgreSQL's backends overwrite their environment with their process title,
     * so they are found as children of the postmaster whose command line names the data directory.
     */
    static long[] serverCpu(String marker) throws Exception {
        long[] ticks = new long[2];
        byte[] needle = ("PARLEY_BENCH_SERVER=" + marker).getBytes();
        String dataDir = System.getProperty("bench.postgres.data", MARKED_WORK.getOrDefault(marker, "\0none"));
        java.util.Map<Long, long[]> stats = new java.util.HashMap<>();
        java.util.Set<Long> postmasters = new java.util.HashSet<>();
        for (File d : new File("/proc").listFiles()) {
            if (!d.getName().chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                String stat = Files.readString(d.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                long pid = Long.parseLong(d.getName());
                stats.put(pid, new long[] {Long.parseLong(f[1]), t});
                if (comm.startsWith("java") && indexOf(Files.readAllBytes(d.toPath().resolve("environ")), needle) >= 0) {
                    ticks[0] += t;
                } else if (new String(Files.readAllBytes(d.toPath().resolve("cmdline"))).contains(dataDir)) {
                    postmasters.add(pid);
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // a process that ended meanwhile
            }
        }
        for (var e : stats.entrySet()) {
            if (postmasters.contains(e.getKey()) || postmasters.contains(e.getValue()[0])) {
                ticks[1] += e.getValue()[1];
            }
        }
        return ticks;
    }

    /** marker → the embedded PostgreSQL's data directory of that server */
    private static final java.util.Map<String, String> MARKED_WORK = new java.util.concurrent.ConcurrentHashMap<>();

    private static String serverStatus(String marker) throws Exception {
        for (File d : new File("/proc").listFiles()) {
            try {
                if (d.getName().chars().allMatch(Character::isDigit)
                        && indexOf(Files.readAllBytes(d.toPath().resolve("environ")), ("PARLEY_BENCH_SERVER=" + marker).getBytes()) >= 0
                        && Files.readString(d.toPath().resolve("comm")).startsWith("java")) {
                    return Files.readAllLines(d.toPath().resolve("status")).stream()
                            .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " "))
                            .collect(Collectors.joining(", "));
                }
            } catch (java.io.IOException gone) {
                // ended
            }
        }
        return "?";
    }

    private static long clientCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String cpuModel() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }
}
