package io.parley.insight.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.core.SecretCipher;
import io.parley.insight.InsightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers due outbox rows in the background. A poll claims a batch by pushing its next attempt past the request
 * timeout (a lease: another node, or this one after a crash, picks it up again only when that runs out), sends
 * each, and records the attempt: 2xx is delivered; anything else is retried after an exponential backoff until
 * {@code max-attempts}, then marked failed.
 * <p>
 * Each endpoint has its own lane: its deliveries are sent in order, by one worker at a time, and endpoints are
 * served in parallel ({@code parallel-endpoints}), so a receiver that stalls until the timeout holds back only its
 * own deliveries. An endpoint whose lane is busy or whose circuit is open ({@link EndpointCircuits}) is left out of
 * the next claims. The lease is renewed before each send, so rows queued behind a slow one are never claimed twice.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;
    private final InsightProperties.Webhooks settings;
    private final Clock clock;
    // made on the first delivery, not at start-up: the JDK client and its TLS context cost a restart a second of CPU
    // on a small machine, and most installations have no webhook
    private volatile HttpClient http;
    private final MeterRegistry meters;
    private ScheduledExecutorService scheduler;
    private java.util.concurrent.ExecutorService lanes;
    private final WebhookTargets targets;
    private final EndpointCircuits circuits;
    private final SecretCipher secrets;
    /** Endpoints whose lane is sending right now on this node. */
    private final java.util.Set<UUID> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WebhookSender(JdbcClient jdbc, InsightProperties properties, Clock clock, MeterRegistry meters, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.settings = properties.webhooks();
        this.clock = clock;
        this.meters = meters;
        this.targets = new WebhookTargets(settings.allowPrivateTargets());
        this.circuits = new EndpointCircuits(settings.circuitFailureThreshold(), settings.circuitOpenFor(), clock);
        Gauge.builder("parley.insight.webhook.pending", this, sender -> sender.pending())
                .description("Webhook deliveries waiting to be sent").register(meters);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    record Claimed(UUID id, UUID endpointId, UUID eventId, String eventType, String payload, int attempt, String url,
            String secret) {
    }

    /**
     * Claims what is due now for endpoints that are idle with a closed circuit, and hands each endpoint's rows to its
     * lane (run inline when the sender is not started, as in unit tests); returns how many rows were claimed.
     */
    int sendDue() {
        Instant now = clock.instant();
        java.util.Set<UUID> skip = new java.util.HashSet<>(busy);
        skip.addAll(circuits.open());
        List<Claimed> batch = jdbc.sql("""
                update insight_webhook_delivery d set attempts = d.attempts + 1, next_attempt_at = :lease
                from insight_webhook_endpoint e
                where e.id = d.endpoint_id and d.id in (
                    select x.id from insight_webhook_delivery x join insight_webhook_endpoint xe on xe.id = x.endpoint_id
                    where x.status = 'pending' and x.next_attempt_at <= :now and xe.active
                        and not (x.endpoint_id = any(:skip))
                    order by x.next_attempt_at limit :batch for update of x skip locked)
                returning d.id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.attempts, e.url, e.secret""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(lease()))
                .param("skip", skip.toArray(UUID[]::new))
                .param("batch", settings.batchSize())
                .query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                        rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getString("url"), secrets.open(rs.getString("secret"))))
                .list();
        java.util.Map<UUID, List<Claimed>> byEndpoint = new java.util.LinkedHashMap<>();
        // the update returns rows in no particular order: each lane sends oldest first
        batch.stream().sorted(java.util.Comparator.comparing(Claimed::id))
                .forEach(c -> byEndpoint.computeIfAbsent(c.endpointId(), id -> new java.util.ArrayList<>()).add(c));
        byEndpoint.forEach(this::startLane);
        return batch.size();
    }

    private void startLane(UUID endpoint, List<Claimed> deliveries) {
        java.util.concurrent.ExecutorService pool = lanes;
        if (pool == null) {
            lane(deliveries);
            return;
        }
        busy.add(endpoint);
        try {
            pool.execute(() -> {
                try {
                    lane(deliveries);
                }
                finally {
                    busy.remove(endpoint);
                }
            });
        }
        catch (java.util.concurrent.RejectedExecutionException stopping) {
            busy.remove(endpoint);
            deliveries.forEach(d -> release(d, clock.instant()));
        }
    }

    /** One endpoint's deliveries in order; once its circuit opens, the rest wait without spending an attempt. */
    private void lane(List<Claimed> deliveries) {
        for (Claimed delivery : deliveries) {
            if (circuits.isOpen(delivery.endpointId())) {
                release(delivery, circuits.retryAt(delivery.endpointId()));
                continue;
            }
            // renewed lease: the rows behind a slow one must not run out of theirs while they wait in this lane
            int renewed = jdbc.sql("update insight_webhook_delivery set next_attempt_at = ? where id = ? and attempts = ? and status = 'pending'")
                    .params(Timestamp.from(lease()), delivery.id(), delivery.attempt()).update();
            try {
                if (renewed == 1) {
                    deliver(delivery);
                }
            }
            catch (RuntimeException e) {
                // e.g. the endpoint was deleted meanwhile: its rows went with it; the lane goes on with the rest
                log.warn("Webhook delivery {} could not be recorded: {}", delivery.id(), e.getMessage());
            }
        }
    }

    /** Gives a claimed row back untried: the attempt it was charged is not spent. */
    private void release(Claimed delivery, Instant retryAt) {
        jdbc.sql("update insight_webhook_delivery set attempts = attempts - 1, next_attempt_at = ? where id = ? and attempts = ? and status = 'pending'")
                .params(Timestamp.from(retryAt), delivery.id(), delivery.attempt()).update();
    }

    private Instant lease() {
        return clock.instant().plus(settings.timeout().multipliedBy(3));
    }

    private void deliver(Claimed delivery) {
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            long timestamp = started.getEpochSecond();
            URI target = URI.create(delivery.url());
            // again at delivery: the name may resolve to an internal address by now
            targets.check(target);
            HttpRequest request = HttpRequest.newBuilder(target).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Parley-Webhooks/1")
                    .header("X-Parley-Event", delivery.eventType())
                    .header("X-Parley-Event-Id", delivery.eventId().toString())
                    .header("X-Parley-Delivery", delivery.id().toString())
                    .header("X-Parley-Timestamp", Long.toString(timestamp))
                    .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), timestamp, delivery.payload()))
                    .header("webhook-id", delivery.eventId().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.standard(delivery.secret(),
                            delivery.eventId().toString(), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
            // the request timeout ends at the response headers; a receiver that then trickles its body forever must
            // not hold the sender, so the whole exchange is bounded and cancelled past it
            var exchange = http().sendAsync(request, HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> response;
            try {
                response = exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (java.util.concurrent.TimeoutException e) {
                exchange.cancel(true);
                throw new java.net.http.HttpTimeoutException("no complete response within " + settings.timeout());
            }
            status = response.statusCode();
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(delivery, started, Duration.ofNanos(System.nanoTime() - nanos), status, error);
    }

    private void record(Claimed delivery, Instant at, Duration took, Integer status, String error) {
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR));
        jdbc.sql("""
                insert into insight_webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(delivery.id(), delivery.attempt(), Timestamp.from(at), status, shortError, took.toMillis())
                .update();
        String outcome;
        if (error == null) {
            circuits.succeeded(delivery.endpointId());
        }
        else {
            circuits.failed(delivery.endpointId());
        }
        if (error == null) {
            outcome = "delivered";
            jdbc.sql("""
                    update insight_webhook_delivery set status = 'delivered', delivered_at = ?, last_status_code = ?,
                        last_error = null where id = ?""")
                    .params(Timestamp.from(clock.instant()), status, delivery.id()).update();
        }
        else if (delivery.attempt() >= settings.maxAttempts()) {
            outcome = "failed";
            // the host only: a webhook URL often carries a token in its path or query
            log.warn("Webhook delivery {} ({} to host {}) failed for good after {} attempts: {}", delivery.id(),
                    delivery.eventType(), host(delivery.url()), delivery.attempt(), shortError);
            jdbc.sql("update insight_webhook_delivery set status = 'failed', last_status_code = ?, last_error = ? where id = ?")
                    .params(status, shortError, delivery.id()).update();
        }
        else {
            outcome = "retry";
            jdbc.sql("update insight_webhook_delivery set next_attempt_at = ?, last_status_code = ?, last_error = ? where id = ?")
                    .params(Timestamp.from(clock.instant().plus(backoff(delivery.attempt()))), status, shortError,
                            delivery.id()).update();
        }
        Counter.builder("parley.insight.webhook.attempts").description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** Wait after the {@code attempt}-th failed attempt: initial × multiplier^(attempt − 1), at most max-backoff. */
    Duration backoff(int attempt) {
        double millis = settings.initialBackoff().toMillis() * Math.pow(settings.backoffMultiplier(), attempt - 1);
        return millis >= settings.maxBackoff().toMillis() ? settings.maxBackoff() : Duration.ofMillis((long) millis);
    }

    private double pending() {
        return jdbc.sql("select count(*) from insight_webhook_delivery where status = 'pending'").query(Long.class).single();
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        }
        catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }

    /** Delivered entries are kept for the retention period only (their attempts go with them). */
    int purgeDelivered() {
        return jdbc.sql("delete from insight_webhook_delivery where status = 'delivered' and delivered_at < ?")
                .param(Timestamp.from(clock.instant().minus(settings.retention()))).update();
    }

    private void poll() {
        try {
            purgeDelivered();
            while (sendDue() == settings.batchSize()) {
                // a full batch: more may be due
            }
        }
        catch (RuntimeException e) {
            log.error("Webhook delivery poll failed", e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        java.util.concurrent.atomic.AtomicInteger lane = new java.util.concurrent.atomic.AtomicInteger();
        lanes = Executors.newFixedThreadPool(settings.parallelEndpoints(), runnable -> {
            Thread thread = new Thread(runnable, "parley-webhooks-lane-" + lane.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (lanes != null) {
            lanes.shutdownNow();
            lanes = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
