package io.parley.broker.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.ParleyApplication;
import io.parley.TestDatabase;
import io.parley.support.Api;
import io.parley.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node against two on the same machine, both relaying through one RabbitMQ and sharing one PostgreSQL (the
 * nodes are two application contexts in this JVM, each with its own Tomcat port, index and broker connections).
 * {@code bench.customers} customers ask {@code bench.questions} questions each, one after another (closed loop);
 * with two nodes, even customers talk to node A and odd ones to node B, and every conversation is also watched
 * from the other node (as an agent's console would be). Afterwards every conversation's history is compared with
 * what its customer and its watcher received: lost (in the history, never received), duplicated (received twice)
 * and unanswered questions are counted. Needs RabbitMQ with rabbitmq_stomp on localhost:61613.
 *
 * <pre>
 * ./mvnw -B -o -Pbench test -Dtest=TwoNodesLoadBenchmark -Dbench.customers=20 -Dbench.questions=10
 * </pre>
 */
class TwoNodesLoadBenchmark {

    // how long a missing delivery is waited for before it counts as lost
    private static final java.time.Duration DELIVERY_GRACE = java.time.Duration.ofSeconds(30);

    private final int customers = Integer.getInteger("bench.customers", 20);
    private final int questions = Integer.getInteger("bench.questions", 10);

    private static final List<String> QUESTIONS = List.of("How do I reset my password?", "Can I change my plan later?",
            "How do I export my data?", "Where can I download my invoice?", "How do I delete my account?",
            "Do you offer refunds?", "How do I add a team member?", "Is there a mobile app?",
            "How do I change my email address?", "What payment methods do you accept?");

    @Test
    void twoNodesLoseNothingUnderLoad() throws Exception {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("localhost", 61613), 1_000);
        }
        ConfigurableApplicationContext nodeA = start("node-a");
        ConfigurableApplicationContext nodeB = start("node-b");
        try {
            int portA = port(nodeA);
            int portB = port(nodeB);
            run("warm-up, one node", portA, portA, 4, 3);
            String one = run("one node (A)", portA, portA, customers, questions);
            String two = run("two nodes (A+B)", portA, portB, customers, questions);
            System.out.println("BENCH " + one);
            System.out.println("BENCH " + two);
            System.out.printf(Locale.ROOT, "BENCH load average %.1f, %d cores%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        }
        finally {
            nodeB.close();
            nodeA.close();
        }
    }

    /** Customers alternate between the two ports; each conversation is watched from the other port. */
    private static String run(String label, int portA, int portB, int customers, int questions) throws Exception {
        List<Customer> all = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            boolean onA = c % 2 == 0;
            all.add(Customer.prepare(onA ? portA : portB, onA ? portB : portA));
        }
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        AtomicInteger unanswered = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (Customer customer : all) {
            done.add(pool.submit(() -> {
                for (int q = 0; q < questions; q++) {
                    if (!customer.ask("q-" + q, QUESTIONS.get(q % QUESTIONS.size()))) {
                        unanswered.incrementAndGet();
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
        int stored = 0;
        int lost = 0;
        int duplicated = 0;
        // late deliveries still count as delivered, not lost: each customer's count is taken once both receivers
        // have every stored message (the event waited for), or after DELIVERY_GRACE, when what is missing is lost
        long deadline = System.nanoTime() + DELIVERY_GRACE.toNanos();
        for (Customer customer : all) {
            List<Long> seqs = customer.storedSeqs();
            int[] counts = customer.check(seqs);
            while (counts[1] > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                counts = customer.check(seqs);
            }
            stored += counts[0];
            lost += counts[1];
            duplicated += counts[2];
            customer.close();
        }
        int answers = customers * questions - unanswered.get();
        return String.format(Locale.ROOT, "%s: %d customers x %d questions, %d answers in %.1f s = %.1f answers/s; "
                + "%d messages stored, %d deliveries lost, %d duplicated (customer + watcher on the other node), %d unanswered",
                label, customers, questions, answers, seconds, answers / seconds, stored, lost, duplicated, unanswered.get());
    }

    /** A customer on one node, and a watcher of the same conversation on the other. */
    record Customer(Api api, String token, String conversation, StompTestClient client, StompTestClient watcher) {

        static Customer prepare(int port, int otherPort) {
            Api api = new Api(port);
            String token = api.session(Map.of("locale", "en")).get("token").asString();
            String conversation = api.startConversation(token, null).get("id").asString();
            StompTestClient client = StompTestClient.connect(port, token);
            client.subscribeToConversation(conversation);
            StompTestClient watcher = StompTestClient.connect(otherPort, token);
            watcher.subscribeToConversation(conversation);
            return new Customer(api, token, conversation, client, watcher);
        }

        boolean ask(String clientMessageId, String text) {
            client.send("/app/conversations/" + conversation + "/messages", Map.of("clientMessageId", clientMessageId, "text", text));
            for (int attempt = 0; attempt < 6; attempt++) {
                try {
                    client.await(topic(conversation), e -> "message".equals(e.get("type")) && !"customer".equals(authorType(e)));
                    return true;
                }
                catch (AssertionError slow) {
                    // StompTestClient waits 5 s at a time
                }
            }
            return false;
        }

        /** The seqs of the conversation's stored messages (its history over REST). */
        List<Long> storedSeqs() {
            JsonNode body = api.get("/api/widget/conversations/" + conversation + "/messages?after=0", token).json();
            JsonNode items = body.isArray() ? body : body.get("messages");
            List<Long> seqs = new ArrayList<>();
            items.forEach(m -> seqs.add(m.get("seq").asLong()));
            return seqs;
        }

        /** {stored, lost, duplicated} over the customer's and the watcher's subscription. */
        int[] check(List<Long> seqs) {
            int lost = 0;
            int duplicated = 0;
            for (StompTestClient receiver : List.of(client, watcher)) {
                Map<Long, Integer> received = new HashMap<>();
                for (Map<String, Object> event : receiver.history(topic(conversation))) {
                    count(event, received);
                }
                for (long seq : seqs) {
                    int n = received.getOrDefault(seq, 0);
                    lost += n == 0 ? 1 : 0;
                    duplicated += Math.max(0, n - 1);
                }
            }
            return new int[] { seqs.size(), lost, duplicated };
        }

        private static void count(Map<String, Object> event, Map<Long, Integer> received) {
            if ("message".equals(event.get("type")) && event.get("message") instanceof Map<?, ?> message
                    && message.get("seq") instanceof Number seq) {
                received.merge(seq.longValue(), 1, Integer::sum);
            }
        }

        void close() {
            client.close();
            watcher.close();
        }
    }

    private static String authorType(Map<String, Object> event) {
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) event.get("message")).get("author")).get("type"));
    }

    private static String topic(String conversation) {
        return "/topic/conversations/" + conversation;
    }

    private static ConfigurableApplicationContext start(String node) throws Exception {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("server.port", 0);
        properties.put("parley.broker.node-id", node);
        properties.put("parley.broker.relay.enabled", true);
        properties.put("parley.knowledge.index-dir", Files.createTempDirectory("parley-bench-index-" + node).toString());
        properties.put("parley.customer.token-secret", "bench-token-signing-key-0123456789");
        properties.put("parley.limits.enabled", false);
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(ParleyApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
