/**
 * Tickets created from handoffs, their lifecycle, timeline and private notes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ticket")
package io.parley.ticket;
