package io.parley.insight.webhook;

import java.util.List;

/** The event types an endpoint can subscribe to. */
final class WebhookEvents {

    static final String TICKET_CREATED = "ticket.created";
    static final String HANDED_OFF = "conversation.handed_off";
    static final String RESOLVED = "conversation.resolved";
    static final String CSAT = "csat.received";
    static final String NPS = "nps.received";
    /** Every message stored in a conversation (customer, bot, agent or system), e.g. to mirror them into a CRM. */
    static final String MESSAGE_CREATED = "message.created";
    /** Sent only by "send test" to one endpoint, whatever it subscribed to; never by a real event. */
    static final String TEST = "webhook.test";
    static final List<String> ALL = List.of(TICKET_CREATED, HANDED_OFF, RESOLVED, CSAT, NPS, MESSAGE_CREATED);

    private WebhookEvents() {
    }
}
