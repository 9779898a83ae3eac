package io.parley.assistant.calibration;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What a person said about the bot's choice of article for a question: a label the answer calibration learns from.
 *
 * @param query the question as the customer (or writer) asked it
 * @param locale the locale the question was asked in (a conversation's, or the writer's choice)
 * @param articleSlug the article the verdict is about; null only for {@link Verdict#SHOULD_HAND_OFF} when no article
 *     was shown
 * @param articleLocale the locale of that article (it can differ from {@code locale} when the bot fell back to the
 *     default language), null with {@code articleSlug}
 * @param conversationId the conversation it came from, null for a writer's verdict
 */
public record AnswerLabel(UUID id, String query, String locale, String articleSlug, String articleLocale,
        Verdict verdict, Source source, Instant createdAt, UUID conversationId) {

    /** The verdict about {@link #articleSlug} for {@link #query}. */
    public enum Verdict {
        /** The article answers the question: the bot was (or would have been) right to answer with it. */
        RIGHT_ARTICLE,
        /** The article does not answer the question. */
        WRONG_ARTICLE,
        /** No article answers the question: the bot should hand off (the article, if any, is the one it showed). */
        SHOULD_HAND_OFF;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The verdict of a wire or database name, e.g. {@code right_article}; null when it is none. */
        public static Verdict of(String name) {
            for (Verdict v : values()) {
                if (v.json().equals(name)) {
                    return v;
                }
            }
            return null;
        }
    }

    /** Where the label came from. */
    public enum Source {
        /** "Yes" / "No" to "Did that answer your question?" after a bot answer. */
        CUSTOMER_FEEDBACK,
        /** An agent answered a handed-off question with a link to an article. */
        AGENT_LINK,
        /** A writer's verdict in "test a question" on the writer page. */
        WRITER_VERDICT;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Source of(String name) {
            for (Source s : values()) {
                if (s.json().equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }
}
