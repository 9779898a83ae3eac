package io.parley.mail.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.core.ParleyPrincipal;
import io.parley.customer.WidgetSession;
import io.parley.mail.MailCapabilities;
import io.parley.mail.MailLinkSessions;
import io.parley.mail.Transcripts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget's email surface: what the server can do by email (so the widget promises nothing it cannot keep), the
 * transcript button, and following a mail's signed link back into the conversation.
 */
@RestController
class WidgetMailController {

    private final MailCapabilities capabilities;
    private final Transcripts transcripts;
    private final MailLinkSessions links;

    WidgetMailController(MailCapabilities capabilities, Transcripts transcripts, MailLinkSessions links) {
        this.capabilities = capabilities;
        this.transcripts = transcripts;
        this.links = links;
    }

    /**
     * {@code email}: the server sends email (out-of-hours answers, offline replies, transcripts); {@code replies}:
     * answering such a mail reaches the conversation; {@code knownEmail}: we have an address for this customer.
     */
    @GetMapping("/api/widget/mail")
    Capabilities capabilities(@AuthenticationPrincipal ParleyPrincipal customer) {
        return new Capabilities(capabilities.sends(), capabilities.takesReplies(), transcripts.available(customer));
    }

    @PostMapping("/api/widget/conversations/{id}/transcript")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TranscriptSent transcript(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal customer) {
        return new TranscriptSent(transcripts.request(customer, id));
    }

    /** Public: the link is the credential. An anonymous visitor gets a widget session, as from POST /api/widget/sessions. */
    @PostMapping("/api/widget/mail-link")
    LinkOpened open(@Valid @RequestBody LinkBody body) {
        MailLinkSessions.Opened opened = links.open(body.link());
        WidgetSession session = opened.session();
        return session == null ? new LinkOpened(opened.conversationId(), opened.identified(), null, null, null, null)
                : new LinkOpened(opened.conversationId(), opened.identified(), session.token(), session.expiresAt(),
                        session.visitorId(), session.customer());
    }

    record Capabilities(boolean email, boolean replies, boolean knownEmail) {
    }

    record TranscriptSent(String email) {
    }

    /** The session fields are there for an anonymous visitor only (an identified customer signs in as always). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkOpened(UUID conversationId, boolean identified, String token, Instant expiresAt, String visitorId,
            WidgetSession.CustomerView customer) {
    }

    record LinkBody(@NotBlank @Size(max = 1000) String link) {
    }
}
