package io.parley.agent;

import java.util.UUID;

/** An agent's presence or capacity changed (routing may now hand them waiting conversations). */
public record PresenceChanged(UUID staffId, Presence presence, int capacity) {
}
