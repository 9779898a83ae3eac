package io.parley.chat.web;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a customer must not see of a payload that staff see whole (issue #15): staff ids (an agent author's
 * {@code id}, any {@code agentId}) and the bot's internal evidence (its {@code decision} with the confidence, and
 * the retrieval scores and ranks of its {@code sources}). Names, texts, article titles and links stay. The customer
 * topic is shared with agents, so this runs per customer session on the way out, and on the widget's REST answers.
 */
final class CustomerRedaction {

    private static final Set<String> SOURCE_INTERNALS = Set.of("score", "bm25Rank", "vectorRank", "cosine", "queryTermCoverage");
    private static final Set<String> INTERNALS = Set.of("decision", "agentId", "unhelpfulStreak");

    private CustomerRedaction() {
    }

    /** Redacts {@code node} in place; returns whether anything was removed. */
    static boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            if (object.path("type").isString() && "agent".equals(object.path("type").asString()) && object.has("id")) {
                object.remove("id");
                changed = true;
            }
            for (String field : INTERNALS) {
                changed |= object.remove(field) != null;
            }
            if (object.get("sources") instanceof ArrayNode sources) {
                for (JsonNode source : sources) {
                    if (source instanceof ObjectNode s) {
                        for (String field : SOURCE_INTERNALS) {
                            changed |= s.remove(field) != null;
                        }
                    }
                }
            }
            for (JsonNode child : object.values()) {
                changed |= redact(child);
            }
        }
        else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                changed |= redact(child);
            }
        }
        return changed;
    }
}
