package io.parley.assistant.reply;

import io.parley.core.ServerTexts;

/**
 * Everything the bot says in its own words ({@code bot.*} in the server's text bundles, one per language). Article
 * content is quoted in the article's language; these frame it in the customer's. Unknown languages fall back to
 * English.
 */
public final class BotReplies {

    public enum Key {
        GREETING, GREETING_NAMED, THANKS, GOODBYE, ASK_FEEDBACK, YES, NO, TALK_TO_PERSON, GLAD, CLARIFY, DONT_KNOW,
        HANDOFF, HANDOFF_SENSITIVE, CLARIFY_ONE, FRUSTRATION_OFFER, NEXT_BEST, UNHELPFUL_OFFER, READ_MORE, FROM_ARTICLE, NONE_OF_THESE, BUSY;

        /** e.g. {@code bot.greeting-named} */
        public String bundleKey() {
            return "bot." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private BotReplies() {
    }

    /** The text for {@code key} in {@code locale}'s language (English when the bot does not speak it). */
    public static String text(String locale, Key key, Object... args) {
        return ServerTexts.text(locale, key.bundleKey(), args);
    }
}
