package io.parley.insight.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.parley.chat.MessagePosted;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.ConversationResolved;
import io.parley.insight.nps.NpsReceived;
import io.parley.ticket.TicketCreated;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one delivery row per subscribed endpoint in the same transaction as the event it reports (the outbox): if
 * the event's transaction commits, its webhooks will be sent, however long the receivers are down. The event id is
 * derived from the event's identity, so a repeated event is not delivered twice.
 */
@Component
class WebhookOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(TicketCreated event) {
        enqueue(WebhookEvents.TICKET_CREATED, event.ticketId().toString(), event.at(), event);
    }

    @EventListener
    void on(ConversationHandedOff event) {
        enqueue(WebhookEvents.HANDED_OFF, event.conversationId() + "@" + event.at(), event.at(), event);
    }

    @EventListener
    void on(ConversationResolved event) {
        enqueue(WebhookEvents.RESOLVED, event.conversationId() + "@" + event.at(), event.at(), event);
    }

    @EventListener
    void on(ConversationRated event) {
        // one csat event per resolution: a re-rating does not fire the webhook again
        enqueue(WebhookEvents.CSAT, event.conversationId() + "@" + event.resolvedAt(), event.at(), event);
    }

    @EventListener
    void on(MessagePosted event) {
        // the message id is unique, so a re-published event maps to the same webhook event id
        enqueue(WebhookEvents.MESSAGE_CREATED, event.message().id().toString(), event.message().createdAt(), event);
    }

    @EventListener
    void on(NpsReceived event) {
        enqueue(WebhookEvents.NPS, event.responseId().toString(), event.at(), event);
    }

    /**
     * "Send test": one {@code webhook.test} delivery to this (active) endpoint only, signed and retried like
     * any other, so an admin sees in the delivery log whether the receiver accepts Parley's requests.
     *
     * @return the new delivery's id
     */
    UUID enqueueTest(UUID endpointId) {
        UUID eventId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        Instant at = clock.instant();
        Envelope body = new Envelope(eventId, WebhookEvents.TEST, at, new TestData("A test delivery from Parley's admin pages"));
        jdbc.sql("""
                insert into insight_webhook_delivery (id, endpoint_id, event_id, event_type, payload, status,
                    next_attempt_at, created_at)
                values (:id, :endpoint, :eventId, :type, :payload, 'pending', :now, :now)""")
                .param("id", deliveryId).param("endpoint", endpointId).param("eventId", eventId)
                .param("type", WebhookEvents.TEST).param("payload", json.writeValueAsString(body))
                .param("now", Timestamp.from(at)).update();
        return deliveryId;
    }

    /** What every delivery's body is: the event's id (stable per fact, so receivers can deduplicate), type, time and data. */
    record Envelope(UUID id, String type, Instant createdAt, Object data) {
    }

    record TestData(String message) {
    }

    private void enqueue(String type, String identity, Instant at, Object data) {
        UUID eventId = UUID.nameUUIDFromBytes((type + "|" + identity).getBytes(StandardCharsets.UTF_8));
        Envelope body = new Envelope(eventId, type, at, data);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into insight_webhook_delivery (id, endpoint_id, event_id, event_type, payload, status,
                    next_attempt_at, created_at)
                select gen_random_uuid(), e.id, :eventId, :type, :payload, 'pending', :now, :now
                from insight_webhook_endpoint e where e.active and :type = any (e.event_types)
                on conflict (endpoint_id, event_id) do nothing""")
                .param("eventId", eventId).param("type", type).param("payload", json.writeValueAsString(body))
                .param("now", now).update();
    }
}
