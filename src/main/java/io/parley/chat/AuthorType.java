package io.parley.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who wrote a message; written in JSON as {@code customer}, {@code bot}, {@code agent} or {@code system}. */
public enum AuthorType {
    CUSTOMER, BOT, AGENT, SYSTEM;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AuthorType fromJson(String value) {
        return valueOf(value.toUpperCase());
    }

    String dbValue() {
        return json();
    }

    static AuthorType fromDb(String value) {
        return fromJson(value);
    }
}
