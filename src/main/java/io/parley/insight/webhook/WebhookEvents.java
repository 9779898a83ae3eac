package io.parley.insight.webhook;

import java.util.List;

/** The event types an endpoint can subscribe to. */
final class WebhookEvents {

    static final String TICKET_CREATED = "ticket.created";
    static final String HANDED_OFF = "conversation.handed_off";
    static final String RESOLVED = "conversation.resolved";
    static final String CSAT = "csat.received";
    static final String NPS = "nps.received";
    static final List<String> ALL = List.of(TICKET_CREATED, HANDED_OFF, RESOLVED, CSAT, NPS);

    private WebhookEvents() {
    }
}
