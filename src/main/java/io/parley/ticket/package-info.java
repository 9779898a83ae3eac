/**
 * Tickets created from handoffs, their lifecycle, timeline and private notes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ticket", allowedDependencies = { "core", "customer", "chat", "agent", "handoff", "assistant" })
package io.parley.ticket;
