package io.parley.knowledge;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an article is in its life; written in JSON as {@code draft}, {@code published} or {@code archived}. */
public enum ArticleStatus {

    /** Being written; invisible to customers and the bot. */
    DRAFT,
    /** Live: searchable, and the bot may answer from it. */
    PUBLISHED,
    /** Retired but kept; read-only until it is unarchived (back to draft). */
    ARCHIVED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but draft, published or archived (any letter case) */
    @JsonCreator
    public static ArticleStatus fromJson(String value) {
        if (value != null) {
            for (ArticleStatus status : values()) {
                if (status.name().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new IllegalArgumentException("unknown article status '" + value + "'");
    }
}
