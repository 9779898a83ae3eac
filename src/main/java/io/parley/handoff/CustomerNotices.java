package io.parley.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

import io.parley.core.Language;
import io.parley.core.ServerTexts;

/**
 * What the customer is told about each ownership change ({@code notice.*} in the server's text bundles), in their
 * conversation's language (any language the server does not speak gets English).
 */
final class CustomerNotices {

    enum Key {
        QUEUED, QUEUED_WAIT, FEW_MINUTES, MINUTES, OUT_OF_HOURS, OUT_OF_HOURS_UNKNOWN, ASSIGNED, RETURNED_TO_BOT, RESOLVED,
        CONTACT_SAVED,
        // the same without the promise of an email reply, for a server that sends none (no SMTP configured)
        OUT_OF_HOURS_NO_EMAIL, OUT_OF_HOURS_UNKNOWN_NO_EMAIL, CONTACT_SAVED_NO_EMAIL
    }

    private CustomerNotices() {
    }

    /**
     * @param values the text's one value, if it has one ({@code {agent}}, {@code {email}}, ...), by name
     */
    static String text(String locale, Key key, Map<String, String> values) {
        return ServerTexts.text(locale, "notice." + key.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                values.values().toArray());
    }

    static String queued(String locale, int position, Duration expectedWait) {
        String wait = expectedWait == null ? text(locale, Key.FEW_MINUTES, Map.of())
                : text(locale, Key.MINUTES, Map.of("n", Long.toString(Math.max(1, (expectedWait.toSeconds() + 59) / 60))));
        return text(locale, Key.QUEUED, Map.of("position", Integer.toString(position))) + " "
                + text(locale, Key.QUEUED_WAIT, Map.of("wait", wait));
    }

    /** "back at" in the team's time zone, e.g. "Monday, 9:00 AM (Europe/Berlin)", in the customer's language. */
    static String outOfHours(String locale, Instant backAt, ZoneId zone) {
        return outOfHours(locale, backAt, zone, true);
    }

    /** @param email whether the server sends email: only then is a reply by email promised */
    static String outOfHours(String locale, Instant backAt, ZoneId zone, boolean email) {
        if (backAt == null) {
            return text(locale, email ? Key.OUT_OF_HOURS_UNKNOWN : Key.OUT_OF_HOURS_UNKNOWN_NO_EMAIL, Map.of());
        }
        Locale language = Language.of(locale).locale();
        String when = DateTimeFormatter.ofPattern("EEEE", language).format(backAt.atZone(zone)) + " "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(language).format(backAt.atZone(zone))
                + " (" + zone.getId() + ")";
        return text(locale, email ? Key.OUT_OF_HOURS : Key.OUT_OF_HOURS_NO_EMAIL, Map.of("backAt", when));
    }
}
