/**
 * Who owns a conversation (bot, queue, agent): the ownership state machine, triggers, queue, routing and hours.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Handoff", allowedDependencies = { "core", "customer", "chat", "agent" })
package io.parley.handoff;
