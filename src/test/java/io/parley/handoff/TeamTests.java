package io.parley.handoff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Business hours in the team's time zone, holidays, and which conversations a team takes. */
class TeamTests {

    static final Team.Window NINE_TO_FIVE = new Team.Window(LocalTime.of(9, 0), LocalTime.of(17, 0));
    final Team berlin = new Team(UUID.randomUUID(), "Support DE", List.of("de"), List.of(), List.of(), "Europe/Berlin",
            Map.of("monday", List.of(NINE_TO_FIVE), "friday", List.of(NINE_TO_FIVE)), List.of(LocalDate.of(2026, 12, 25)));

    @Test
    void isOpenWithinItsHoursInItsOwnTimeZone() {
        // Monday 2026-03-02 08:30 UTC is 09:30 in Berlin
        assertThat(berlin.isOpen(Instant.parse("2026-03-02T08:30:00Z"))).isTrue();
        assertThat(berlin.isOpen(Instant.parse("2026-03-02T07:30:00Z"))).isFalse();
        assertThat(berlin.isOpen(Instant.parse("2026-03-02T16:00:00Z"))).as("17:00 local is closed").isFalse();
        assertThat(berlin.isOpen(Instant.parse("2026-03-03T10:00:00Z"))).as("no hours on Tuesday").isFalse();
    }

    @Test
    void nextOpeningSkipsClosedDaysAndHolidays() {
        Instant mondayEvening = Instant.parse("2026-03-02T18:00:00Z");
        assertThat(berlin.nextOpening(mondayEvening)).contains(Instant.parse("2026-03-06T08:00:00Z"));
        // Friday 2026-12-25 is a holiday: back on Monday 2026-12-28, 09:00 Berlin (08:00 UTC)
        assertThat(berlin.nextOpening(Instant.parse("2026-12-24T20:00:00Z"))).contains(Instant.parse("2026-12-28T08:00:00Z"));
        Team always = new Team(UUID.randomUUID(), "All", List.of(), List.of(), List.of(), null, null, List.of());
        assertThat(always.isOpen(mondayEvening)).isTrue();
        assertThat(always.nextOpening(mondayEvening)).contains(mondayEvening);
        Team never = new Team(UUID.randomUUID(), "Never", List.of(), List.of(), List.of(), "UTC", Map.of(), List.of());
        assertThat(never.nextOpening(mondayEvening)).isEmpty();
        assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void takesConversationsByLocaleAndTag() {
        Team billing = new Team(UUID.randomUUID(), "Billing", List.of(), List.of("billing_dispute"), List.of(), "UTC", null, List.of());
        assertThat(berlin.takes("de", Set.of("customer_request"))).isTrue();
        assertThat(berlin.takes("en", Set.of("customer_request"))).isFalse();
        assertThat(billing.takes("en", Set.of("billing_dispute"))).isTrue();
        assertThat(billing.takes("en", Set.of("customer_request"))).isFalse();
        assertThat(billing.specificity()).isGreaterThan(berlin.specificity());
    }
}
