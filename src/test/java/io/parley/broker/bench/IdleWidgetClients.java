package io.parley.broker.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client process of {@link IdleConnectionsBenchmark}: opens {@code count} widget connections (STOMP over a real
 * WebSocket, the JDK's client), each subscribed to its customer's conversation topic, keeps them alive with
 * heart-beats and reports, every two seconds, how many are open and how many have received each broadcast round
 * ({@code round-N} in a message text). A process may open at most 20,000 files, hence several of these.
 *
 * <p>Arguments: port, count, file of {@code token conversationId} lines, first line index.
 */
public final class IdleWidgetClients {

    private static final Pattern ROUND = Pattern.compile("round-(\\d+)");

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger stompConnected = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger[] rounds = new AtomicInteger[16];
    private final ConcurrentLinkedQueue<WebSocket> sockets = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        new IdleWidgetClients().run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]),
                Integer.parseInt(args[3]));
    }

    private void run(int port, int count, Path sessions, int first) throws Exception {
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = new AtomicInteger();
        }
        List<String> lines = Files.readAllLines(sessions);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(this::report, 2, 2, TimeUnit.SECONDS);
        // heart-beats: a newline on every connection, spread over the period
        timer.scheduleAtFixedRate(() -> sockets.forEach(s -> {
            if (!s.isOutputClosed()) {
                s.sendText("\n", true);
            }
        }), 15, 15, TimeUnit.SECONDS);
        Semaphore inFlight = new Semaphore(64);
        URI uri = URI.create("ws://localhost:" + port + "/ws");
        for (int i = 0; i < count; i++) {
            String[] session = lines.get((first + i) % lines.size()).split(" ");
            inFlight.acquire();
            http.newWebSocketBuilder().buildAsync(uri, new Listener(session[0], session[1], inFlight))
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            inFlight.release();
                        }
                    });
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private void report() {
        StringBuilder line = new StringBuilder("STATS open=").append(open.get()).append(" connected=")
                .append(stompConnected.get()).append(" closed=").append(closed.get()).append(" failed=").append(failed.get());
        for (int i = 1; i < rounds.length; i++) {
            line.append(" r").append(i).append('=').append(rounds[i].get());
        }
        System.out.println(line);
        System.out.flush();
    }

    private final class Listener implements WebSocket.Listener {
        private final String token;
        private final String conversation;
        private final Semaphore inFlight;
        private final StringBuilder frame = new StringBuilder();
        private int seenRound;

        Listener(String token, String conversation, Semaphore inFlight) {
            this.token = token;
            this.conversation = conversation;
            this.inFlight = inFlight;
        }

        @Override
        public void onOpen(WebSocket socket) {
            open.incrementAndGet();
            sockets.add(socket);
            socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:15000,0\nAuthorization:Bearer " + token + "\n\n\0", true);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                handle(socket, frame.toString());
                frame.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void handle(WebSocket socket, String received) {
            // a heart-beat (end of line) may precede a frame in the same WebSocket message
            String text = received.replaceFirst("^[\\r\\n]+", "");
            if (text.startsWith("CONNECTED")) {
                stompConnected.incrementAndGet();
                inFlight.release();
                socket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/conversations/" + conversation + "\n\n\0", true);
            }
            else if (text.startsWith("MESSAGE")) {
                Matcher round = ROUND.matcher(text);
                if (round.find()) {
                    int r = Integer.parseInt(round.group(1));
                    for (int i = seenRound + 1; i <= r && i < rounds.length; i++) {
                        rounds[i].incrementAndGet();
                    }
                    seenRound = Math.max(seenRound, r);
                }
            }
            else if (text.startsWith("ERROR")) {
                failed.incrementAndGet();
                inFlight.release();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.incrementAndGet();
            open.decrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            failed.incrementAndGet();
        }
    }
}
