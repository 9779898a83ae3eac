package io.parley.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.parley.core.ServerSecrets;
import io.parley.core.SignedTokens;

import org.springframework.stereotype.Component;

/**
 * The links in mails that reopen a conversation in the widget: HMAC-signed ({@link SignedTokens}, key in the
 * server-secret store so every node agrees) and expiring after {@code parley.mail.link-ttl}. A link names one
 * conversation and its customer; it is what a customer who has left holds to come back.
 */
@Component
public class MailLinks {

    private static final String PREFIX = "mail-link:";

    private final SignedTokens tokens;
    private final MailProperties properties;
    private final Clock clock;

    MailLinks(ServerSecrets secrets, MailProperties properties, Clock clock) {
        this.tokens = new SignedTokens(secrets.getOrCreate("mail-link-key"), clock);
        this.properties = properties;
        this.clock = clock;
    }

    /** A conversation a valid link points at, and whose it is. */
    public record Target(UUID conversationId, UUID customerId) {
    }

    String issue(UUID conversationId, UUID customerId) {
        return tokens.issue(PREFIX + conversationId + ":" + customerId, clock.instant().plus(properties.linkTtl()));
    }

    /** The widget page with the conversation and the signed link as query parameters. */
    String url(UUID conversationId, UUID customerId) {
        String base = properties.widgetUrl();
        return base + (base.contains("?") ? "&" : "?") + "parley-conversation=" + conversationId + "&parley-link="
                + URLEncoder.encode(issue(conversationId, customerId), StandardCharsets.UTF_8);
    }

    /** @return the target of a valid, unexpired link; empty for a forged, altered or expired one */
    public Optional<Target> verify(String link) {
        return tokens.verify(link).filter(subject -> subject.startsWith(PREFIX)).flatMap(subject -> {
            String[] ids = subject.substring(PREFIX.length()).split(":");
            try {
                return ids.length == 2 ? Optional.of(new Target(UUID.fromString(ids[0]), UUID.fromString(ids[1])))
                        : Optional.empty();
            }
            catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
