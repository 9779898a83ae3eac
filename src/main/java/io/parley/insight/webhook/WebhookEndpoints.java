package io.parley.insight.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.core.SecretCipher;
import io.parley.insight.InsightException;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Webhook endpoints (admin configuration) and their delivery log. Secrets are stored sealed ({@link SecretCipher});
 * rows from before that are sealed once the application has started.
 */
@Component
class WebhookEndpoints {

    private static final int MIN_SECRET = 16;
    private static final int MAX_URL = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    private final WebhookTargets targets;

    WebhookEndpoints(JdbcClient jdbc, Clock clock, io.parley.insight.InsightProperties properties, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        this.targets = new WebhookTargets(properties.webhooks().allowPrivateTargets());
    }

    /** Seals plaintext secrets (and those under a previous key); returns how many rows it sealed. */
    @EventListener(ApplicationReadyEvent.class)
    int sealStoredSecrets() {
        int sealed = 0;
        for (var row : jdbc.sql("select id, secret from insight_webhook_endpoint").query((rs, n) ->
                java.util.Map.entry(rs.getObject("id", UUID.class), rs.getString("secret"))).list()) {
            if (cipher.needsSealing(row.getValue())) {
                // "and secret = ?": another node sealing at the same time wins, the plaintext is the same
                sealed += jdbc.sql("update insight_webhook_endpoint set secret = ? where id = ? and secret = ?")
                        .params(cipher.seal(cipher.open(row.getValue())), row.getKey(), row.getValue()).update();
            }
        }
        return sealed;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Endpoint(UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt, String secret) {
        /** The stored endpoint without its secret (shown only once, when it is created). */
        Endpoint withoutSecret() {
            return new Endpoint(id, url, eventTypes, active, createdAt, null);
        }
    }

    record EndpointInput(String url, String secret, List<String> eventTypes, Boolean active) {
    }

    record Delivery(UUID id, UUID eventId, String eventType, String status, int attempts, Integer lastStatusCode,
            String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attemptLog) {
    }

    record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMillis) {
    }

    @Transactional
    Endpoint create(EndpointInput input) {
        String url = url(input.url());
        List<String> types = eventTypes(input.eventTypes());
        String secret = StringUtils.hasText(input.secret()) ? secret(input.secret()) : newSecret();
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), url, types, input.active() == null || input.active(),
                clock.instant(), secret);
        jdbc.sql("""
                insert into insight_webhook_endpoint (id, url, secret, event_types, active, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(endpoint.id(), url, cipher.seal(secret), types.toArray(String[]::new), endpoint.active(),
                        Timestamp.from(endpoint.createdAt()))
                .update();
        return endpoint;
    }

    List<Endpoint> list() {
        return jdbc.sql("select * from insight_webhook_endpoint order by created_at").query(this::map).list();
    }

    Endpoint get(UUID id) {
        return jdbc.sql("select * from insight_webhook_endpoint where id = ?").param(id).query(this::map)
                .optional().orElseThrow(() -> InsightException.notFound("webhook_not_found", "Unknown webhook endpoint " + id));
    }

    /** Replaces url, event types and active; the secret only when a new one is given. */
    @Transactional
    Endpoint update(UUID id, EndpointInput input) {
        Endpoint current = get(id);
        String url = input.url() == null ? current.url() : url(input.url());
        List<String> types = input.eventTypes() == null ? current.eventTypes() : eventTypes(input.eventTypes());
        boolean active = input.active() == null ? current.active() : input.active();
        String secret = StringUtils.hasText(input.secret()) ? secret(input.secret()) : current.secret();
        jdbc.sql("update insight_webhook_endpoint set url = ?, event_types = ?, active = ?, secret = ? where id = ?")
                .params(url, types.toArray(String[]::new), active, cipher.seal(secret), id).update();
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        if (jdbc.sql("delete from insight_webhook_endpoint where id = ?").param(id).update() == 0) {
            throw InsightException.notFound("webhook_not_found", "Unknown webhook endpoint " + id);
        }
    }

    List<Delivery> deliveries(UUID endpointId, String status, int limit) {
        get(endpointId);
        String filter = StringUtils.hasText(status) ? " and status = :status" : "";
        var query = jdbc.sql("select * from insight_webhook_delivery where endpoint_id = :id" + filter
                + " order by created_at desc, id limit :limit").param("id", endpointId)
                .param("limit", Math.max(1, Math.min(limit, 500)));
        if (StringUtils.hasText(status)) {
            query = query.param("status", status);
        }
        List<Delivery> deliveries = new ArrayList<>();
        query.query((rs, row) -> deliveries.add(new Delivery(rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("status"),
                rs.getInt("attempts"), (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                instant(rs, "created_at"), "pending".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null,
                instant(rs, "delivered_at"), attempts(rs.getObject("id", UUID.class))))).list();
        return deliveries;
    }

    /** Sends a failed delivery again from the start (e.g. after the receiver was fixed). */
    @Transactional
    void retry(UUID endpointId, UUID deliveryId) {
        int updated = jdbc.sql("""
                update insight_webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = ?
                where id = ? and endpoint_id = ? and status = 'failed'""")
                .params(Timestamp.from(clock.instant()), deliveryId, endpointId).update();
        if (updated == 0) {
            throw new InsightException(409, "delivery_not_failed", "Only a failed delivery of this endpoint can be retried");
        }
        jdbc.sql("delete from insight_webhook_attempt where delivery_id = ?").param(deliveryId).update();
    }

    private List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("select * from insight_webhook_attempt where delivery_id = ? order by attempt").param(deliveryId)
                .query((rs, row) -> new Attempt(rs.getInt("attempt"), instant(rs, "at"),
                        (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getLong("duration_ms")))
                .list();
    }

    private String url(String value) {
        if (!StringUtils.hasText(value) || value.length() > MAX_URL) {
            throw InsightException.badRequest("webhook_url_invalid", "url is required (an absolute http or https URL)");
        }
        try {
            URI uri = new URI(value.strip());
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || !StringUtils.hasText(uri.getHost())) {
                throw InsightException.badRequest("webhook_url_invalid", "url must be an absolute http or https URL");
            }
            targets.check(uri);
            return uri.toString();
        }
        catch (URISyntaxException e) {
            throw InsightException.badRequest("webhook_url_invalid", "url is not a valid URL: " + e.getReason());
        }
    }

    private static List<String> eventTypes(List<String> types) {
        if (types == null || types.isEmpty()) {
            throw InsightException.badRequest("webhook_event_types_invalid",
                    "eventTypes must name at least one of " + WebhookEvents.ALL);
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String type : types) {
            if (!WebhookEvents.ALL.contains(type)) {
                throw InsightException.badRequest("webhook_event_types_invalid",
                        "Unknown event type '" + type + "'; known: " + WebhookEvents.ALL);
            }
            result.add(type);
        }
        return List.copyOf(result);
    }

    private static String secret(String secret) {
        if (secret.length() < MIN_SECRET || secret.length() > 200) {
            throw InsightException.badRequest("webhook_secret_invalid", "secret must be " + MIN_SECRET + " to 200 characters");
        }
        return secret;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // the standard alphabet: Standard Webhooks libraries decode the part after whsec_ with it
        return WebhookSignature.PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private Endpoint map(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        return new Endpoint(rs.getObject("id", UUID.class), rs.getString("url"), List.of((String[]) types.getArray()),
                rs.getBoolean("active"), instant(rs, "created_at"), cipher.open(rs.getString("secret")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
