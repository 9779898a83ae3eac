package io.parley.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The details of one timeline entry; which fields are set depends on its type (see the factories), the others are
 * left out of the JSON, as the timeline has always written them.
 *
 * @param agentId the assignee after an ownership change
 * @param text a note's text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketEventData(String reason, Boolean outOfHours, Long number, String from, String to, String agentId,
        Integer score, String comment, String email, String subject, String priority, List<String> tags, String noteId,
        String text, String source) {

    static final TicketEventData NONE = new TicketEventData(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    static TicketEventData created(String reason, boolean outOfHours, long number) {
        return new TicketEventData(reason, outOfHours, number, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static TicketEventData handedOff(String reason, boolean outOfHours) {
        return new TicketEventData(reason, outOfHours, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static TicketEventData ownership(String from, String to, String reason, String agentId) {
        return new TicketEventData(reason, null, null, from, to, agentId, null, null, null, null, null, null, null, null, null);
    }

    static TicketEventData statusChanged(String from, String to) {
        return new TicketEventData(null, null, null, from, to, null, null, null, null, null, null, null, null, null, null);
    }

    static TicketEventData rated(int score, String comment) {
        return new TicketEventData(null, null, null, null, null, null, score, comment, null, null, null, null, null, null, null);
    }

    static TicketEventData contact(String email) {
        return new TicketEventData(null, null, null, null, null, null, null, null, email, null, null, null, null, null, null);
    }

    static TicketEventData note(String noteId, String text) {
        return new TicketEventData(null, null, null, null, null, null, null, null, null, null, null, null, noteId, text, null);
    }

    /** @param source who wrote the summary ({@code llm}) */
    static TicketEventData summary(String source) {
        return new TicketEventData(null, null, null, null, null, null, null, null, null, null, null, null, null, null, source);
    }

    /** An agent's edit: only the fields they changed. */
    static TicketEventData updated(String subject, String priority, List<String> tags) {
        return new TicketEventData(null, null, null, null, null, null, null, null, null, subject, priority, tags, null, null, null);
    }
}
