package io.parley.agent;

import java.util.UUID;

/**
 * An agent's working state.
 *
 * @param capacity the most conversations routing assigns to them at once
 */
public record AgentStatus(UUID staffId, String name, Presence presence, int capacity) {
}
