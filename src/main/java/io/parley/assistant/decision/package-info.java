/**
 * The bot's answer / clarify / hand-off decision; exposed so the {@code eval} command can score it.
 */
@org.springframework.modulith.NamedInterface("decision")
package io.parley.assistant.decision;
