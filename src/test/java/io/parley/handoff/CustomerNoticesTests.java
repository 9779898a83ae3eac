package io.parley.handoff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the customer is told, in their language. */
class CustomerNoticesTests {

    @Test
    void queuePositionAndExpectedWaitInEachLanguage() {
        assertThat(CustomerNotices.queued("en", 2, null)).isEqualTo(
                "A person will take over shortly. You are number 2 in the queue. Expected wait: a few minutes.");
        assertThat(CustomerNotices.queued("de-AT", 1, Duration.ofSeconds(130))).contains("Nummer 1").contains("etwa 3 Min.");
        assertThat(CustomerNotices.queued("tr", 3, null)).contains("3. sıradasınız").contains("birkaç dakika");
        assertThat(CustomerNotices.queued("fa", 1, Duration.ofMinutes(4))).contains("نفر 1").contains("حدود 4 دقیقه");
        assertThat(CustomerNotices.queued("xx", 1, null)).as("unknown languages fall back to English").startsWith("A person");
    }

    @Test
    void assignmentAndOutOfHours() {
        assertThat(CustomerNotices.text("en", CustomerNotices.Key.ASSIGNED, Map.of("agent", "Dana"))).isEqualTo("You're now chatting with Dana.");
        assertThat(CustomerNotices.text("tr", CustomerNotices.Key.ASSIGNED, Map.of("agent", "Dana"))).isEqualTo("Şimdi Dana ile sohbet ediyorsunuz.");
        String away = CustomerNotices.outOfHours("en", Instant.parse("2026-03-02T08:00:00Z"), ZoneId.of("Europe/Berlin"));
        assertThat(away).contains("back at Monday 9:00").contains("(Europe/Berlin)").contains("email");
        assertThat(CustomerNotices.outOfHours("de", null, ZoneId.of("UTC"))).doesNotContain("{backAt}").contains("E-Mail-Adresse");
        // a server without SMTP promises no email reply, in every language
        for (String locale : java.util.List.of("en", "de", "es", "fa", "fr", "tr")) {
            assertThat(CustomerNotices.outOfHours(locale, null, ZoneId.of("UTC"), false)).as(locale)
                    .isNotEqualTo(CustomerNotices.outOfHours(locale, null, ZoneId.of("UTC"), true));
        }
        assertThat(CustomerNotices.outOfHours("en", Instant.parse("2026-03-02T08:00:00Z"), ZoneId.of("Europe/Berlin"), false))
                .contains("back at Monday 9:00").contains("reply here").doesNotContain("by email");
        assertThat(CustomerNotices.text("en", CustomerNotices.Key.CONTACT_SAVED_NO_EMAIL, Map.of("email", "kim@example.com")))
                .isEqualTo("Thanks! Our team has your address kim@example.com; we'll reply here.");
    }
}
