/**
 * The bot: decides to answer, clarify or hand off for each customer message in a conversation it owns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant")
package io.parley.assistant;
