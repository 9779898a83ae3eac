package io.parley.assistant;

import io.parley.chat.MessageContent;

/** What the bot does with one customer message. */
sealed interface Plan {

    String text();

    MessageContent content();

    /** Post a bot message. */
    record Say(String text, MessageContent content) implements Plan {
    }

    /** Post a bot message, then hand the conversation to a person. */
    record HandOff(String reason, String text, MessageContent.HandedOff content) implements Plan {
    }
}
