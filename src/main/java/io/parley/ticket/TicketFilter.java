package io.parley.ticket;

import java.util.UUID;

/**
 * Which tickets to list; null fields do not filter.
 *
 * @param unassigned true: only tickets nobody is assigned to (then {@code assigneeId} is ignored)
 * @param query matches the subject (contains, any case) or the number ({@code 1042} or {@code #1042})
 */
public record TicketFilter(TicketStatus status, UUID assigneeId, boolean unassigned, String priority, String tag,
        UUID customerId, String query) {
}
