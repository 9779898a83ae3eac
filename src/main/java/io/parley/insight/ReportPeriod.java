package io.parley.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.util.StringUtils;

/**
 * The half-open period {@code [from, to)} an insight report covers, with an optional locale filter.
 *
 * @param locale a language tag; {@code en} also matches {@code en-GB}; null: every locale
 */
public record ReportPeriod(Instant from, Instant to, String locale) {

    private static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

    /**
     * Reads the {@code from}/{@code to} request parameters: an ISO instant ({@code 2026-03-01T09:00:00Z}) or a date
     * ({@code 2026-03-01}, in {@code zone}; as {@code to} a date includes that whole day). Missing {@code to}: now;
     * missing {@code from}: 30 days before {@code to}.
     */
    public static ReportPeriod parse(String from, String to, String locale, ZoneId zone, Clock clock) {
        Instant end = StringUtils.hasText(to) ? instant(to, zone, true) : clock.instant();
        Instant start = StringUtils.hasText(from) ? instant(from, zone, false) : end.minus(DEFAULT_LENGTH);
        if (!start.isBefore(end)) {
            throw InsightException.badRequest("invalid_period", "from (" + start + ") must be before to (" + end + ")");
        }
        String tag = StringUtils.hasText(locale) ? locale.strip().replace('_', '-') : null;
        if (tag != null && !tag.matches("[A-Za-z]{2,3}([-][A-Za-z0-9]{2,8})*")) {
            throw InsightException.badRequest("invalid_locale", "locale must be a language tag such as en or pt-BR");
        }
        return new ReportPeriod(start, end, tag);
    }

    private static Instant instant(String value, ZoneId zone, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            LocalDate date = LocalDate.parse(text);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        }
        catch (DateTimeParseException e) {
            throw InsightException.badRequest("invalid_period",
                    "'" + text + "' is neither a date (2026-03-01) nor an instant (2026-03-01T09:00:00Z)");
        }
    }
}
