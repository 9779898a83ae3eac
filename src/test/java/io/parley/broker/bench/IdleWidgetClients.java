package io.parley.broker.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client process of {@link IdleConnectionsBenchmark}: opens {@code count} widget connections (STOMP over a real
 * WebSocket, the JDK's client), each with its own customer token, subscribed to that customer's conversation topic,
 * and keeps them alive with heart-beats (every 15 s; the server's every 25 s). On {@code ROUND n} (a line on stdin)
 * every connection sends a typing indicator to its conversation, paced over the given seconds, and counts as live
 * for that round once the server's echo of it arrives on the subscription. Every two seconds it reports how many
 * connections are open, STOMP-connected, closed, failed and live per round. A process may open at most 20,000
 * files, hence several of these.
 *
 * <p>Arguments: port, count, file of {@code token conversationId} lines, first line index.
 */
public final class IdleWidgetClients {

    private static final int ROUNDS = 8;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger stompConnected = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private HttpClient http;
    private URI uri;
    private ScheduledExecutorService timer;
    private final AtomicInteger[] rounds = new AtomicInteger[ROUNDS];
    private final ConcurrentLinkedQueue<Listener> live = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        new IdleWidgetClients().run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]),
                Integer.parseInt(args[3]));
    }

    private void run(int port, int count, Path sessions, int first) throws Exception {
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = new AtomicInteger();
        }
        List<String> lines = Files.readAllLines(sessions);
        http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(this::report, 2, 2, TimeUnit.SECONDS);
        // heart-beats: an end of line on every connection every 15 s (as agreed in CONNECT)
        timer.scheduleAtFixedRate(() -> live.forEach(l -> l.send("\n")), 15, 15, TimeUnit.SECONDS);
        Thread commands = new Thread(() -> commands(timer), "commands");
        commands.setDaemon(true);
        commands.start();
        Semaphore inFlight = new Semaphore(32);
        uri = URI.create("ws://localhost:" + port + "/ws");
        for (int i = 0; i < count; i++) {
            String[] session = lines.get(first + i).split(" ");
            inFlight.acquire();
            open(new Listener(session[0], session[1], inFlight));
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private void open(Listener listener) {
        http.newWebSocketBuilder().buildAsync(uri, listener).whenComplete((socket, error) -> {
            if (error != null) {
                listener.retry();
            }
        });
    }

    /** {@code ROUND n seconds}: every live connection sends a typing indicator, spread over the seconds. */
    private void commands(ScheduledExecutorService timer) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 3 && parts[0].equals("ROUND")) {
                    int round = Integer.parseInt(parts[1]);
                    long spreadMicros = Long.parseLong(parts[2]) * 1_000_000L;
                    List<Listener> all = List.copyOf(live);
                    for (int i = 0; i < all.size(); i++) {
                        Listener listener = all.get(i);
                        timer.schedule(() -> listener.startRound(round), spreadMicros * i / Math.max(1, all.size()),
                                TimeUnit.MICROSECONDS);
                    }
                }
            }
        }
        catch (Exception e) {
            System.out.println("commands ended: " + e);
        }
    }

    private void report() {
        StringBuilder line = new StringBuilder("STATS open=").append(open.get()).append(" connected=")
                .append(stompConnected.get()).append(" closed=").append(closed.get()).append(" failed=").append(failed.get());
        for (int i = 1; i < rounds.length; i++) {
            line.append(" r").append(i).append('=').append(rounds[i].get());
        }
        line.append(" retries=").append(retries.get());
        System.out.println(line);
        System.out.flush();
    }

    private final class Listener implements WebSocket.Listener {
        private final String token;
        private final String conversation;
        private final Semaphore inFlight;
        private final StringBuilder frame = new StringBuilder();
        private volatile WebSocket socket;
        /** one send at a time per socket (the JDK client refuses overlapping sends) */
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private volatile int awaitedRound;
        private int seenRound;
        private volatile boolean stompUp;
        private int attempts;

        Listener(String token, String conversation, Semaphore inFlight) {
            this.token = token;
            this.conversation = conversation;
            this.inFlight = inFlight;
        }

        synchronized void send(String text) {
            WebSocket s = socket;
            if (s == null || s.isOutputClosed()) {
                return;
            }
            sending = sending.handle((ok, error) -> null).thenCompose(ignored -> s.sendText(text, true));
        }

        /**
         * Before CONNECTED (the socket or the CONNECT refused, e.g. {@code unavailable} while the server is swamped
         * by the ramp): reconnect after a pause, as the widget does; counted as a retry, not a failure.
         */
        void retry() {
            socket = null;
            if (++attempts > 20) {
                failed.incrementAndGet();
                inFlight.release();
                return;
            }
            retries.incrementAndGet();
            timer.schedule(() -> open(this), 1_000L * Math.min(attempts, 5), TimeUnit.MILLISECONDS);
        }

        void startRound(int round) {
            awaitedRound = round;
            send("SEND\ndestination:/app/conversations/" + conversation + "/typing\ncontent-type:application/json\n\n"
                    + "{\"typing\":" + (round % 2 == 1) + "}\0");
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            frame.setLength(0);
            open.incrementAndGet();
            send("CONNECT\naccept-version:1.2\nheart-beat:15000,25000\nAuthorization:Bearer " + token + "\n\n\0");
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                handle(frame.toString());
                frame.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String received) {
            // heart-beats (ends of line) may come alone or before a frame in the same WebSocket message
            String text = received.replaceFirst("^[\\r\\n]+", "");
            if (text.startsWith("CONNECTED")) {
                stompUp = true;
                stompConnected.incrementAndGet();
                inFlight.release();
                send("SUBSCRIBE\nid:0\ndestination:/topic/conversations/" + conversation + "\n\n\0");
                live.add(this);
            }
            else if (text.startsWith("MESSAGE") && text.contains("\"type\":\"typing\"")) {
                int round = awaitedRound;
                if (round > seenRound && round < rounds.length) {
                    seenRound = round;
                    rounds[round].incrementAndGet();
                }
            }
            else if (text.startsWith("ERROR") && !stompUp) {
                WebSocket s = socket;
                socket = null;
                open.decrementAndGet();
                if (s != null) {
                    s.abort();
                }
                if (attempts == 0) {
                    System.out.println("ERROR frame before CONNECTED (retrying): " + text.replace('\n', ' ').replace("\0", ""));
                }
                retry();
            }
            else if (text.startsWith("ERROR")) {
                failed.incrementAndGet();
                System.out.println("ERROR frame: " + text.replace('\n', ' ').replace("\0", ""));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (webSocket != socket) {
                return null;
            }
            closed.incrementAndGet();
            open.decrementAndGet();
            live.remove(this);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (webSocket != socket) {
                return;
            }
            if (!stompUp) {
                open.decrementAndGet();
                retry();
                return;
            }
            failed.incrementAndGet();
            live.remove(this);
        }
    }
}
