package io.parley.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the mail module ({@code parley.mail.*}); the SMTP server itself is Spring Boot's {@code spring.mail.*}
 * (no {@code spring.mail.host}: no mail at all).
 *
 * @param from the sender of every mail, e.g. {@code "Example Support <support@example.com>"}
 * @param teamInbox where out-of-hours contact requests go (the team's shared inbox); empty: only the customer's
 *     acknowledgement is sent
 * @param widgetUrl the page that hosts the widget; the signed links in mails point here with
 *     {@code ?parley-conversation=...&parley-link=...}
 * @param replyDelay how long an agent's reply waits unread before it is mailed (replies within it share one mail)
 * @param linkTtl how long a signed link in a mail keeps working
 * @param replyDomain the inbound domain: mails get {@code Reply-To: reply+<token>@<replyDomain>}; empty: no
 *     reply address (replies to mails are not taken back)
 * @param inboundSecret the shared secret of {@code POST /api/mail/inbound}; empty: the endpoint refuses everything
 * @param transcriptsPerHour how many transcript mails one customer may ask for per hour
 * @param sendInterval how often the outbox is looked at for mails that are due
 * @param retryDelay the wait after the first failed SMTP attempt; doubled after each further failure
 * @param maxAttempts after this many failed attempts a mail is given up (status {@code failed})
 * @param presenceLease how long a customer counts as connected after their widget's connection was last seen; a
 *     reply is mailed only to a customer who is not connected (renewed every quarter of it)
 */
@ConfigurationProperties("parley.mail")
public record MailProperties(String from, String teamInbox, String widgetUrl, Duration replyDelay, Duration linkTtl,
        String replyDomain, String inboundSecret, Integer transcriptsPerHour, Duration sendInterval, Duration retryDelay,
        Integer maxAttempts, Duration presenceLease) {

    public MailProperties {
        if (from == null || from.isBlank()) {
            from = "Parley <parley@localhost>";
        }
        teamInbox = blankToNull(teamInbox);
        if (widgetUrl == null || widgetUrl.isBlank()) {
            widgetUrl = "http://localhost:8080/";
        }
        replyDelay = positive(replyDelay, Duration.ofMinutes(5), true);
        linkTtl = positive(linkTtl, Duration.ofDays(14), false);
        replyDomain = blankToNull(replyDomain);
        inboundSecret = blankToNull(inboundSecret);
        if (transcriptsPerHour == null || transcriptsPerHour < 0) {
            transcriptsPerHour = 3;
        }
        sendInterval = positive(sendInterval, Duration.ofSeconds(5), false);
        retryDelay = positive(retryDelay, Duration.ofSeconds(30), false);
        if (maxAttempts == null || maxAttempts < 1) {
            maxAttempts = 8;
        }
        presenceLease = positive(presenceLease, Duration.ofSeconds(60), false);
    }

    private static Duration positive(Duration value, Duration fallback, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            return fallback;
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
