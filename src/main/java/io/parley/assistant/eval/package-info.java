/**
 * The {@code eval} command: the bot's retrieval and answer decision scored on labelled question sets. It lives with
 * the assistant because it scores the assistant's own decision ({@link io.parley.assistant.decision.BotDecision});
 * the knowledge module it searches never depends on it.
 */
@org.springframework.modulith.NamedInterface("eval")
package io.parley.assistant.eval;
