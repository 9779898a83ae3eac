package io.parley.assistant.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.ParleyApplication;
import io.parley.TestDatabase;
import io.parley.assistant.eval.EvalQuestion;
import io.parley.assistant.eval.EvalQuestions;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bot reply latency and throughput under concurrent customers: 1, 10 and 40 customers, each on its own WebSocket,
 * each asking one question after another (closed loop, every question in a conversation created beforehand) and
 * timing STOMP SEND → the bot's message on the conversation topic. Two passes per level:
 * <ul>
 * <li><b>new questions</b>: every text is asked for the first time in this JVM, so every reply pays for its query
 * embedding (English questions of the sample set, wixqa and the Samsung TV set, deduplicated);</li>
 * <li><b>repeated questions</b>: texts asked before, as support questions repeat: the query-embedding cache answers.</li>
 * </ul>
 * Also prints answers/s per level and the heap after a GC. Run with
 * {@code ./mvnw -Pbench test -Dtest=BotLoadBenchmark} ({@code -Dparley.eval.dir=...}, default {@code ../shared/eval}).
 */
class BotLoadBenchmark {

    private static final int[] CUSTOMERS = {1, 10, 40};
    private static final int[] ANSWERS = {80, 200, 320};

    @Test
    void botReplyUnderLoad() throws Exception {
        Map<String, Object> db = TestDatabase.properties();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                "--parley.knowledge.index-dir=" + Files.createTempDirectory("bench-index"),
                // every benchmark customer starts from 127.0.0.1 and asks many questions in a row: the per-address and
                // per-customer limits are not what this measures
                "--parley.limits.enabled=false"));
        db.forEach((k, v) -> args.add("--" + k + "=" + v));
        List<String> fresh = new ArrayList<>(questions());
        List<String> out = new ArrayList<>();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Api api = new Api(port);
            List<String> asked = new ArrayList<>();
            run(api, port, 2, take(fresh, 40, asked)); // warm-up: JIT, pools, caches
            for (int level = 0; level < CUSTOMERS.length; level++) {
                List<String> batch = take(fresh, ANSWERS[level], asked);
                out.add(print(report("new questions", CUSTOMERS[level], run(api, port, CUSTOMERS[level], batch))));
                List<String> repeats = new ArrayList<>(asked.subList(0, Math.min(ANSWERS[level], asked.size())));
                Collections.shuffle(repeats, new java.util.Random(level));
                out.add(print(report("repeated questions", CUSTOMERS[level], run(api, port, CUSTOMERS[level], repeats))));
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.add(String.format(Locale.ROOT, "heap used after GC: %.0f MB (client, server and model in one JVM); %s",
                    heap / 1e6, rss()));
        }
        System.out.println(out.get(out.size() - 1));
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/bot-load.txt"), out);
    }

    record Run(List<Double> millis, double seconds, int timeouts) {
    }

    /** {@code customers} threads, each with its own session and WebSocket, sharing the questions in order. */
    static Run run(Api api, int port, int customers, List<String> texts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        AtomicInteger timeouts = new AtomicInteger();
        List<Customer> prepared = new ArrayList<>();
        int perCustomer = (texts.size() + customers - 1) / customers;
        for (int c = 0; c < customers; c++) {
            prepared.add(Customer.prepare(api, port, perCustomer));
        }
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            Customer customer = prepared.get(c);
            int first = c;
            done.add(pool.submit(() -> {
                // customer c asks questions c, c + customers, ...: each has the conversations it needs
                for (int i = first; i < texts.size(); i += customers) {
                    double ms = customer.ask(texts.get(i));
                    if (ms < 0) {
                        timeouts.incrementAndGet();
                    } else {
                        millis.add(ms);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        prepared.forEach(Customer::close);
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Run(sorted, seconds, timeouts.get());
    }

    /** One customer: a session, a WebSocket, and conversations created (and subscribed) before the clock starts. */
    record Customer(StompTestClient client, List<String> conversations, AtomicInteger used) {
        static Customer prepare(Api api, int port, int count) {
            String token = api.session(Map.of("locale", "en")).get("token").asString();
            StompTestClient client = StompTestClient.connect(port, token);
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = api.startConversation(token, null).get("id").asString();
                client.subscribeToConversation(id);
                conversations.add(id);
            }
            return new Customer(client, conversations, new AtomicInteger());
        }

        /** Milliseconds from SEND to the bot's message, or -1 when none came within 30 s. */
        double ask(String text) {
            String conversation = conversations.get(used.getAndIncrement());
            long start = System.nanoTime();
            client.send("/app/conversations/" + conversation + "/messages", Map.of("clientMessageId", "q", "text", text));
            for (int attempt = 0; attempt < 6; attempt++) {
                try {
                    client.await("/topic/conversations/" + conversation, e -> "message".equals(e.get("type"))
                            && "bot".equals(((Map<?, ?>) ((Map<?, ?>) e.get("message")).get("author")).get("type")));
                    return (System.nanoTime() - start) / 1e6;
                } catch (AssertionError slow) {
                    // StompTestClient waits 5 s at a time; a saturated shared machine may need longer
                }
            }
            return -1;
        }

        void close() {
            client.close();
        }
    }

    static String report(String what, int customers, Run run) {
        List<Double> m = run.millis();
        return String.format(Locale.ROOT, "%-18s %2d customers: %4d answers in %5.1f s = %5.1f answers/s; p50 %6.1f ms, "
                        + "p95 %6.1f ms, p99 %6.1f ms, max %6.1f ms; %d without reply in 30 s",
                what, customers, m.size(), run.seconds(), m.size() / run.seconds(), pct(m, 0.50), pct(m, 0.95),
                pct(m, 0.99), m.isEmpty() ? 0 : m.get(m.size() - 1), run.timeouts());
    }

    /** Each level as soon as it is measured: a long run on a loaded machine still shows what it got so far. */
    static String print(String line) {
        System.out.println(line);
        return line;
    }

    /** Nearest-rank percentile. */
    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    static List<String> take(List<String> from, int n, List<String> asked) {
        if (from.size() < n) {
            throw new IllegalStateException("not enough distinct questions left: " + from.size() + " < " + n);
        }
        List<String> taken = new ArrayList<>(from.subList(0, n));
        from.subList(0, n).clear();
        asked.addAll(taken);
        return taken;
    }

    /** Distinct English questions (case and spacing folded, as the embedding cache folds them). */
    static List<String> questions() throws Exception {
        Path eval = Path.of(System.getProperty("parley.eval.dir", "../shared/eval"));
        List<Path> files = new ArrayList<>(List.of(Path.of("docs/eval/questions.jsonl")));
        for (String set : List.of("wixqa", "samsung-tv-emanual")) {
            if (Files.exists(eval.resolve(set).resolve("questions.jsonl"))) {
                files.add(eval.resolve(set).resolve("questions.jsonl"));
            }
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            for (EvalQuestion q : EvalQuestions.read(file)) {
                String key = q.question().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (q.locale().startsWith("en") && keys.add(key)) {
                    out.add(q.question());
                }
            }
        }
        Collections.shuffle(out, new java.util.Random(17));
        return out;
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
        } catch (Exception e) {
            return "";
        }
    }
}
