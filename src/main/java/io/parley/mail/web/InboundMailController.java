package io.parley.mail.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.parley.mail.InboundMail;
import io.parley.mail.InboundReplies;
import io.parley.mail.MailError;
import io.parley.mail.MailProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/mail/inbound}: the inbound-parse webhook of a mail service (Mailgun routes, Postmark inbound,
 * SendGrid inbound parse, or your own MTA's pipe). JSON or form fields in the common shape: {@code from}, {@code to}
 * (with {@code reply+<token>@<reply-domain>}), {@code subject}, {@code text}, {@code messageId}; Mailgun's and
 * Postmark's own names are understood too. The shared secret ({@code parley.mail.inbound-secret}) comes in
 * {@code X-Parley-Inbound-Secret} or as the password of HTTP Basic authentication (the webhook URL
 * {@code https://parley:<secret>@host/api/mail/inbound}).
 */
@RestController
class InboundMailController {

    static final String SECRET_HEADER = "X-Parley-Inbound-Secret";

    private static final Map<String, List<String>> ALIASES = Map.of(
            "from", List.of("from", "sender", "From"),
            "to", List.of("to", "recipient", "To", "OriginalRecipient"),
            "subject", List.of("subject", "Subject"),
            "text", List.of("text", "body-plain", "TextBody"),
            "messageId", List.of("messageId", "Message-Id", "message-id", "Message-ID", "MessageID"));

    private final InboundReplies replies;
    private final MailProperties properties;

    InboundMailController(InboundReplies replies, MailProperties properties) {
        this.replies = replies;
        this.properties = properties;
    }

    /** The answer: the customer's message the mail became (the first delivery's, for a duplicate). */
    record Accepted(java.util.UUID conversationId, java.util.UUID messageId, long seq, boolean duplicate) {
    }

    /** JSON in the provider's own shape: read by field name (with the aliases above), like the form fields. */
    @PostMapping(path = "/api/mail/inbound", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> json(@RequestBody JsonNode body,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        return receive(field -> text(body.get(field)), secret, authorization);
    }

    /** A field's value as text: a string as it is, a number or flag as written, null when absent or null. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    @PostMapping(path = "/api/mail/inbound", consumes = { MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE })
    ResponseEntity<Accepted> form(@RequestParam MultiValueMap<String, String> body,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        return receive(body::getFirst, secret, authorization);
    }

    private ResponseEntity<Accepted> receive(java.util.function.Function<String, String> fields, String secret,
            String authorization) {
        if (properties.inboundSecret() == null) {
            throw new MailError(404, "inbound_disabled", "Inbound mail is not configured (parley.mail.inbound-secret)");
        }
        String given = secret != null ? secret : basicPassword(authorization);
        if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                properties.inboundSecret().getBytes(StandardCharsets.UTF_8))) {
            throw new MailError(401, "inbound_unauthorized", "The inbound secret is missing or wrong (" + SECRET_HEADER + " or HTTP Basic)");
        }
        InboundMail mail = new InboundMail(field(fields, "from"), field(fields, "to"), field(fields, "subject"),
                field(fields, "text"), field(fields, "messageId"));
        if (mail.to() == null || mail.text() == null) {
            throw new MailError(400, "validation_failed", "An inbound mail needs 'to' and 'text'");
        }
        InboundReplies.Received received = replies.receive(mail);
        return ResponseEntity.status(received.duplicate() ? 200 : 201)
                .body(new Accepted(received.conversationId(), received.messageId(), received.seq(), received.duplicate()));
    }

    private static String field(java.util.function.Function<String, String> fields, String name) {
        for (String alias : ALIASES.get(name)) {
            String value = fields.apply(alias);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
