package io.parley.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A group of agents that takes the conversations of some locales or tags, within its business hours.
 *
 * @param locales conversation locales it takes; empty: any
 * @param tags handoff tags (reason codes) it takes; empty: any
 * @param hours weekday ({@code monday} ... {@code sunday}) → opening windows in {@code timeZone}; null: always open
 * @param holidays dates (in {@code timeZone}) it is closed all day
 */
public record Team(UUID id, String name, List<String> locales, List<String> tags, List<UUID> memberIds,
        String timeZone, Map<String, List<Window>> hours, List<LocalDate> holidays) {

    /** An opening window, e.g. 09:00 to 17:00; {@code to} before {@code from} is refused on input. */
    public record Window(LocalTime from, LocalTime to) {
    }

    public Team {
        locales = locales == null ? List.of() : List.copyOf(locales);
        tags = tags == null ? List.of() : List.copyOf(tags);
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    boolean takes(String locale, Set<String> handoffTags) {
        boolean localeOk = locales.isEmpty() || (locale != null && locales.stream().anyMatch(l -> l.equalsIgnoreCase(locale)));
        boolean tagOk = tags.isEmpty() || tags.stream().anyMatch(handoffTags::contains);
        return localeOk && tagOk;
    }

    /** How specific the team is: a team for a tag and a locale wins over one for any conversation. */
    int specificity() {
        return (tags.isEmpty() ? 0 : 2) + (locales.isEmpty() ? 0 : 1);
    }

    ZoneId zone() {
        return ZoneId.of(timeZone == null ? "UTC" : timeZone);
    }

    boolean isOpen(Instant now) {
        if (hours == null) {
            return true;
        }
        ZonedDateTime local = now.atZone(zone());
        return windows(local.toLocalDate()).stream()
                .anyMatch(w -> !local.toLocalTime().isBefore(w.from()) && local.toLocalTime().isBefore(w.to()));
    }

    /** When the team opens next (now when open), empty when it never opens within a year. */
    Optional<Instant> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.of(now);
        }
        ZonedDateTime local = now.atZone(zone());
        for (int day = 0; day <= 366; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            for (Window w : windows(date).stream().sorted(java.util.Comparator.comparing(Window::from)).toList()) {
                ZonedDateTime opening = date.atTime(w.from()).atZone(zone());
                if (opening.toInstant().isAfter(now)) {
                    return Optional.of(opening.toInstant());
                }
            }
        }
        return Optional.empty();
    }

    private List<Window> windows(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        return hours.getOrDefault(dayName(date.getDayOfWeek()), List.of());
    }

    static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
