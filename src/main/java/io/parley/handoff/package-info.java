/**
 * Who owns a conversation (bot, queue, agent): the ownership state machine, triggers, queue, routing and hours.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Handoff")
package io.parley.handoff;
