package io.parley.chat;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who answers the customer in a conversation right now. */
public enum Responder {
    /** the bot answers every customer message */
    BOT,
    /** a person does (waiting in the queue or assigned); the bot stays silent */
    HUMAN;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
