/**
 * Conversations (threads), messages with gapless per-conversation sequence numbers, resume, typing and read
 * state; the STOMP and REST surface customers and agents chat through.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chat", allowedDependencies = { "core", "customer" })
package io.parley.chat;
