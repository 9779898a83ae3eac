package io.parley.knowledge;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a revision records; written in JSON in lower case. */
public enum RevisionAction {
    CREATED, EDITED, PUBLISHED, UNPUBLISHED, ARCHIVED, UNARCHIVED, RESTORED, IMPORTED, DELETED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RevisionAction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
