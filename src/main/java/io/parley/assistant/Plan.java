package io.parley.assistant;

import java.util.Map;

/** What the bot does with one customer message. */
sealed interface Plan {

    /** Post a bot message. */
    record Say(String text, Map<String, Object> payload) implements Plan {
    }

    /** Post a bot message, then hand the conversation to a person. */
    record HandOff(String reason, String text, Map<String, Object> payload) implements Plan {
    }
}
