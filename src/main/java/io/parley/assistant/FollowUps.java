package io.parley.assistant;

import java.util.Set;

import io.parley.assistant.language.TextNormalizer;

/**
 * Turns a follow-up ("and on the yearly plan?", "peki mobilde?", "و برای پلن سالانه؟") into a question the search
 * understands, by putting the previous question in front of it. Only short messages or ones that open like a
 * follow-up are combined; a new full question stands alone, and so does a short one that can be answered alone
 * (the planner checks that).
 */
final class FollowUps {

    private static final Set<String> OPENERS = Set.of("and", "also", "what about", "how about", "what if", "same for",
            "but", "then", "ve", "peki", "ya", "bir de", "و", "اما", "پس", "چطور", "und", "aber", "y", "et");
    private static final int SHORT = 5;

    private FollowUps() {
    }

    static String effectiveQuery(String text, String previousQuestion) {
        if (previousQuestion == null || previousQuestion.isBlank()) {
            return text;
        }
        String[] words = TextNormalizer.words(text);
        if (opensLikeFollowUp(text) || words.length <= SHORT && words.length > 0) {
            return previousQuestion + " " + text;
        }
        return text;
    }

    /** "and …", "what about …": certainly a follow-up, never a question of its own. */
    static boolean opensLikeFollowUp(String text) {
        String normalized = TextNormalizer.normalize(text);
        return OPENERS.stream().anyMatch(o -> normalized.equals(o) || normalized.startsWith(o + " "));
    }
}
