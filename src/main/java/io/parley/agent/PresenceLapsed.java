package io.parley.agent;

import java.util.UUID;

/**
 * An agent's presence lease lapsed (their console closed, or the node that held their connection died): they are
 * offline now, and whatever waited for their first reply should go to someone who is there.
 */
public record PresenceLapsed(UUID staffId) {
}
