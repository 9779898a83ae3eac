package io.parley.ticket;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ticket module ({@code parley.ticket.*}).
 *
 * @param llmSummary true (default): when a language model is configured, it writes the ticket summary (after the
 *     handoff, in the background); the built summary stands until then and whenever the model fails
 * @param summaryLocale the language of LLM summaries, i.e. the agents' language (default {@code en})
 * @param highPriorityReasons handoff reasons whose tickets start with priority {@code high}
 * @param transcriptMessages how many of the latest messages the summary is built from (default 60)
 */
@ConfigurationProperties("parley.ticket")
public record TicketProperties(Boolean llmSummary, String summaryLocale, List<String> highPriorityReasons,
        Integer transcriptMessages) {

    public TicketProperties {
        if (llmSummary == null) {
            llmSummary = true;
        }
        if (summaryLocale == null || summaryLocale.isBlank()) {
            summaryLocale = "en";
        }
        if (highPriorityReasons == null) {
            highPriorityReasons = List.of("billing_dispute", "account_security", "legal", "outage", "frustration");
        }
        if (transcriptMessages == null || transcriptMessages <= 0) {
            transcriptMessages = 60;
        }
    }
}
