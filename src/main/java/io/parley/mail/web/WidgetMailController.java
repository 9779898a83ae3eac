package io.parley.mail.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.parley.core.ParleyPrincipal;
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
    Map<String, Object> capabilities(@AuthenticationPrincipal ParleyPrincipal customer) {
        return Map.of("email", capabilities.sends(), "replies", capabilities.takesReplies(),
                "knownEmail", transcripts.available(customer));
    }

    @PostMapping("/api/widget/conversations/{id}/transcript")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> transcript(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal customer) {
        return Map.of("email", transcripts.request(customer, id));
    }

    /** Public: the link is the credential. An anonymous visitor gets a widget session, as from POST /api/widget/sessions. */
    @PostMapping("/api/widget/mail-link")
    Map<String, Object> open(@Valid @RequestBody LinkBody body) {
        MailLinkSessions.Opened opened = links.open(body.link());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", opened.conversationId());
        out.put("identified", opened.identified());
        if (opened.session() != null) {
            out.put("token", opened.session().token());
            out.put("expiresAt", opened.session().expiresAt());
            out.put("visitorId", opened.session().visitorId());
            out.put("customer", opened.session().customer());
        }
        return out;
    }

    record LinkBody(@NotBlank @Size(max = 1000) String link) {
    }
}
