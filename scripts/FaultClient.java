import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Black-box chat client of scripts/fault.sh, JDK only (run as {@code java scripts/FaultClient.java ...}).
 *
 * <pre>
 * chat   --base URL --customers N --seconds S --dir D   customers chat with the bot over STOMP for S seconds; every
 *        acknowledged message is appended to D/acked.tsv; a message not acknowledged (server killed, `unavailable`)
 *        is sent again with the same clientMessageId until it is, reconnecting as needed
 * verify --base URL --dir D --wait S [--since EPOCH_MS]   after the restart: every acknowledged message must be
 *        stored (else lost) and answered (a bot reply keyed to it, or the conversation handed to a person); prints
 *        one line of key=value figures
 * </pre>
 */
public class FaultClient {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final String[] QUESTIONS = {
            "How do I reset my password? I forgot it.", "How can I export my data?", "How do I change my email address?",
            "Can I get a refund?", "How do I invite a teammate?", "Where can I download my invoice?",
            "How do I delete my account?", "Is there a mobile app?", "How do I enable two-factor authentication?",
            "What are your opening hours?" };

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String base = o.getOrDefault("base", "http://127.0.0.1:8080");
        Path dir = Path.of(o.getOrDefault("dir", "."));
        Files.createDirectories(dir);
        switch (args[0]) {
            case "chat" -> chat(base, dir, Integer.parseInt(o.getOrDefault("customers", "8")),
                    Integer.parseInt(o.getOrDefault("seconds", "30")));
            case "verify" -> System.exit(verify(base, dir, Integer.parseInt(o.getOrDefault("wait", "90")),
                    Long.parseLong(o.getOrDefault("since", "0"))));
            case "probe" -> System.exit(probe(base, Integer.parseInt(o.getOrDefault("wait", "60"))));
            default -> throw new IllegalArgumentException("chat | verify | probe");
        }
    }

    // ---------------------------------------------------------------- chat

    record Customer(int index, String token, String conversationId) {
    }

    static void chat(String base, Path dir, int customers, int seconds) throws Exception {
        Path acked = dir.resolve("acked.tsv");
        List<Thread> threads = new ArrayList<>();
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            Map<String, Object> session = json(post(base + "/api/widget/sessions", null, "{\"locale\":\"en\"}", 201));
            String token = (String) session.get("token");
            Map<String, Object> started = json(post(base + "/api/widget/conversations", token, "{}", 201));
            String conversationId = (String) ((Map<?, ?>) started.get("conversation")).get("id");
            all.add(new Customer(i, token, conversationId));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("customers.tsv")))) {
            all.forEach(c -> out.println(c.index() + "\t" + c.conversationId() + "\t" + c.token()));
        }
        // fault.sh starts its kill timer once the customers are there and chatting
        Files.writeString(dir.resolve("ready"), "ready\n");
        // the chat lasts this long from here, however long setting the customers up took
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String ws = base.replaceFirst("^http", "ws") + "/ws";
        for (Customer c : all) {
            Thread t = new Thread(() -> converse(base, ws, c, deadline, acked), "customer-" + c.index());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void converse(String base, String ws, Customer c, long deadline, Path acked) {
        int n = 0;
        Stomp stomp = null;
        long lastSeq = 0;
        while (System.currentTimeMillis() < deadline) {
            String clientMessageId = "fault-" + c.conversationId().substring(0, 8) + "-" + c.index() + "-" + n;
            String text = QUESTIONS[(c.index() + n) % QUESTIONS.length];
            Map<String, Object> ack = null;
            // until acknowledged: the same clientMessageId, whatever happens to the server
            while (ack == null && System.currentTimeMillis() < deadline) {
                try {
                    if (stomp == null || !stomp.open()) {
                        stomp = Stomp.connect(ws, c.token());
                    }
                    Map<String, Object> reply = stomp.send("/app/conversations/" + c.conversationId() + "/messages",
                            "{\"clientMessageId\":\"" + clientMessageId + "\",\"text\":\"" + text + "\"}", clientMessageId);
                    if (reply != null && reply.containsKey("seq")) {
                        ack = reply;
                    }
                    else {
                        pause(1000); // unavailable (or no answer in time): the outbox resends
                    }
                }
                catch (Exception e) {
                    if (stomp != null) {
                        stomp.close();
                    }
                    stomp = null;
                    pause(500);
                }
            }
            if (ack == null) {
                break;
            }
            synchronized (FaultClient.class) {
                try {
                    Files.writeString(acked, c.conversationId() + "\t" + clientMessageId + "\t" + ack.get("messageId") + "\t"
                            + ack.get("seq") + "\t" + c.token() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            // like a person, wait (a while) for the answer before asking the next question
            lastSeq = ((Number) ack.get("seq")).longValue();
            long until = Math.min(deadline, System.currentTimeMillis() + 15_000);
            while (System.currentTimeMillis() < until && !answered(base, c, (String) ack.get("messageId"), lastSeq)) {
                pause(300);
            }
            n++;
        }
        if (stomp != null) {
            stomp.close();
        }
    }

    static boolean answered(String base, Customer c, String messageId, long afterSeq) {
        try {
            Map<String, Object> page = json(get(base + "/api/widget/conversations/" + c.conversationId() + "/messages?after="
                    + afterSeq, c.token()));
            for (Object m : (List<?>) page.get("messages")) {
                Object key = ((Map<?, ?>) m).get("clientMessageId");
                if (("bot-reply:" + messageId).equals(key)) {
                    return true;
                }
            }
            return handedOff(json(get(base + "/api/widget/conversations/" + c.conversationId(), c.token())));
        }
        catch (Exception e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- probe

    /**
     * A new customer asks one question over REST and waits for the bot's reply to it (or a hand-off): the restarted
     * server is answering, not only healthy. Exits 0 when answered within {@code waitSeconds}.
     */
    static int probe(String base, int waitSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        while (true) {
            try {
                Map<String, Object> session = json(post(base + "/api/widget/sessions", null, "{\"locale\":\"en\"}", 201));
                String token = (String) session.get("token");
                Map<String, Object> started = json(post(base + "/api/widget/conversations", token, "{}", 201));
                Customer c = new Customer(-1, token, (String) ((Map<?, ?>) started.get("conversation")).get("id"));
                Map<String, Object> posted = json(post(base + "/api/widget/conversations/" + c.conversationId() + "/messages",
                        token, "{\"clientMessageId\":\"probe-1\",\"text\":\"How do I export my data?\"}", 201));
                Map<?, ?> message = (Map<?, ?>) posted.get("message");
                String messageId = (String) message.get("id");
                long seq = ((Number) message.get("seq")).longValue();
                while (System.currentTimeMillis() < deadline) {
                    if (answered(base, c, messageId, seq)) {
                        return 0;
                    }
                    pause(100);
                }
                System.err.println("probe: no answer within " + waitSeconds + " s");
                return 1;
            }
            catch (IOException e) {
                // refused while the server finishes starting (unavailable, 503): ask again, as a customer would
                if (System.currentTimeMillis() >= deadline) {
                    System.err.println("probe: " + e.getMessage());
                    return 1;
                }
                pause(200);
            }
        }
    }

    // ---------------------------------------------------------------- verify

    static int verify(String base, Path dir, int waitSeconds, long since) throws Exception {
        List<String[]> acked = Files.exists(dir.resolve("acked.tsv"))
                ? Files.readAllLines(dir.resolve("acked.tsv")).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList()
                : List.of();
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        int lost = 0;
        int duplicated = 0;
        int unanswered;
        int answeredAfterRestart;
        int handedOff;
        while (true) {
            lost = 0;
            duplicated = 0;
            unanswered = 0;
            answeredAfterRestart = 0;
            handedOff = 0;
            Map<String, List<Map<?, ?>>> messages = new HashMap<>();
            Map<String, Boolean> human = new HashMap<>();
            for (String[] a : acked) {
                String conversationId = a[0];
                String token = a[4];
                List<Map<?, ?>> all = messages.computeIfAbsent(conversationId, id -> allMessages(base, id, token));
                boolean humanResponds = human.computeIfAbsent(conversationId, id -> responder(base, id, token));
                long stored = all.stream().filter(m -> a[1].equals(m.get("clientMessageId"))).count();
                long sameId = all.stream().filter(m -> a[2].equals(m.get("id"))).count();
                if (stored == 0 || sameId == 0) {
                    lost++;
                    continue;
                }
                if (stored > 1) {
                    duplicated++;
                }
                Map<?, ?> reply = all.stream().filter(m -> ("bot-reply:" + a[2]).equals(m.get("clientMessageId")))
                        .findFirst().orElse(null);
                if (reply != null) {
                    if (since > 0 && java.time.Instant.parse((String) reply.get("createdAt")).toEpochMilli() >= since) {
                        answeredAfterRestart++;
                    }
                }
                else if (humanResponds) {
                    handedOff++;
                }
                else {
                    unanswered++;
                }
            }
            if (unanswered == 0 || System.currentTimeMillis() > deadline) {
                break;
            }
            pause(2000);
        }
        System.out.printf("acknowledged=%d lost=%d duplicated=%d unanswered=%d answered_after_restart=%d handed_off=%d%n",
                acked.size(), lost, duplicated, unanswered, answeredAfterRestart, handedOff);
        return lost == 0 && duplicated == 0 && unanswered == 0 ? 0 : 1;
    }

    static List<Map<?, ?>> allMessages(String base, String conversationId, String token) {
        List<Map<?, ?>> out = new ArrayList<>();
        long after = 0;
        try {
            while (true) {
                Map<String, Object> page = json(get(base + "/api/widget/conversations/" + conversationId + "/messages?after=" + after,
                        token));
                List<?> list = (List<?>) page.get("messages");
                for (Object m : list) {
                    out.add((Map<?, ?>) m);
                    after = Math.max(after, ((Number) ((Map<?, ?>) m).get("seq")).longValue());
                }
                if (!Boolean.TRUE.equals(page.get("hasMore")) || list.isEmpty()) {
                    return out;
                }
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not read conversation " + conversationId, e);
        }
    }

    static boolean responder(String base, String conversationId, String token) {
        try {
            // the conversation's state: "bot" while the bot answers; queued, assigned or resolved once handed to a person
            // (older servers said responder HUMAN)
            Map<String, Object> conversation = json(get(base + "/api/widget/conversations/" + conversationId, token));
            return handedOff(conversation);
        }
        catch (Exception e) {
            return false;
        }
    }

    static boolean handedOff(Map<String, Object> conversation) {
        Object state = conversation.get("state");
        if (state != null) {
            return java.util.Set.of("queued", "assigned", "resolved").contains(String.valueOf(state).toLowerCase(java.util.Locale.ROOT));
        }
        return "HUMAN".equalsIgnoreCase(String.valueOf(conversation.get("responder")));
    }

    // ---------------------------------------------------------------- STOMP over the JDK's WebSocket

    static final class Stomp implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final Map<String, Map<String, Object>> replies = new ConcurrentHashMap<>();
        private volatile boolean open = true;
        private WebSocket socket;

        static Stomp connect(String url, String token) throws Exception {
            Stomp stomp = new Stomp();
            stomp.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                    .buildAsync(URI.create(url), stomp).get(5, TimeUnit.SECONDS);
            stomp.frame("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n");
            String connected = stomp.frames.poll(5, TimeUnit.SECONDS);
            if (connected == null || !connected.startsWith("CONNECTED")) {
                stomp.close();
                throw new IOException("STOMP CONNECT failed: " + connected);
            }
            stomp.frame("SUBSCRIBE\nid:acks\ndestination:/user/queue/acks\n\n");
            stomp.frame("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\n\n");
            return stomp;
        }

        boolean open() {
            return open;
        }

        /** @return the ack (has seq), an error reply (has code), or null when nothing came within 5 s */
        Map<String, Object> send(String destination, String body, String clientMessageId) throws Exception {
            replies.remove(clientMessageId);
            frame("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + body);
            long until = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < until && open) {
                Map<String, Object> reply = replies.remove(clientMessageId);
                if (reply != null) {
                    return reply;
                }
                Thread.sleep(20);
            }
            if (!open) {
                throw new IOException("connection closed");
            }
            return null;
        }

        private void frame(String frame) throws Exception {
            socket.sendText(frame + "\0", true).get(5, TimeUnit.SECONDS);
        }

        void close() {
            open = false;
            if (socket != null) {
                socket.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            int end;
            while ((end = partial.indexOf("\0")) >= 0) {
                String frame = partial.substring(0, end).replaceFirst("^\\n+", "");
                partial.delete(0, end + 1);
                handle(frame);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String frame) {
            if (frame.startsWith("MESSAGE")) {
                int bodyAt = frame.indexOf("\n\n");
                Map<String, Object> body = json(frame.substring(bodyAt + 2));
                Object id = body.get("clientMessageId");
                if (id != null) {
                    replies.put(id.toString(), body);
                }
            }
            else if (frame.startsWith("ERROR")) {
                open = false;
            }
            else if (!frame.isBlank()) {
                frames.add(frame);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
        }
    }

    // ---------------------------------------------------------------- HTTP and a little JSON

    static String post(String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) new Json(text).value();
    }

    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    i++; // :
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return false;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                }
                else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
