package io.parley.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void datesAreWholeDaysInTheZone() {
        ReportPeriod period = ReportPeriod.parse("2026-03-01", "2026-03-02", null, BERLIN, CLOCK);
        assertThat(period.from()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
    }

    @Test
    void instantsAreTakenAsTheyAreAndDefaultsAreTheLast30Days() {
        ReportPeriod period = ReportPeriod.parse("2026-03-01T09:30:00Z", "2026-03-01T10:00:00Z", "pt_BR", BERLIN, CLOCK);
        assertThat(period.from()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(period.locale()).isEqualTo("pt-BR");
        ReportPeriod defaults = ReportPeriod.parse(null, null, " ", BERLIN, CLOCK);
        assertThat(defaults.to()).isEqualTo(CLOCK.instant());
        assertThat(Duration.between(defaults.from(), defaults.to())).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.locale()).isNull();
    }

    @Test
    void badInputIsRefusedWithACode() {
        assertThatThrownBy(() -> ReportPeriod.parse("2026-03-02", "2026-03-01", null, BERLIN, CLOCK))
                .isInstanceOf(InsightException.class).hasMessageContaining("must be before");
        assertThatThrownBy(() -> ReportPeriod.parse("March", null, null, BERLIN, CLOCK))
                .isInstanceOfSatisfying(InsightException.class, e -> assertThat(e.code()).isEqualTo("invalid_period"));
        assertThatThrownBy(() -> ReportPeriod.parse(null, null, "en;drop", BERLIN, CLOCK))
                .isInstanceOfSatisfying(InsightException.class, e -> assertThat(e.code()).isEqualTo("invalid_locale"));
    }
}
