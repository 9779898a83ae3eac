/**
 * The bot: decides to answer, clarify or hand off for each customer message in a conversation it owns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant", allowedDependencies = { "core", "customer", "chat", "knowledge", "knowledge :: index" })
package io.parley.assistant;
