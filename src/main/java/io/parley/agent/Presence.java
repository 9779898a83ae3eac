package io.parley.agent;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.parley.core.InvalidInput;

/** Whether an agent takes conversations now: only {@link #ONLINE} agents get conversations routed to them. */
public enum Presence {
    ONLINE, AWAY, OFFLINE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInput naming {@code presence} for anything but online, away or offline */
    public static Presence parse(String value) {
        try {
            return valueOf(value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw InvalidInput.field("presence", "must be online, away or offline");
        }
    }
}
