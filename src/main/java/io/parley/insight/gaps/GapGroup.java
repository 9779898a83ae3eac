package io.parley.insight.gaps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A group of similar questions the bot could not answer, as the writer pages show it.
 *
 * @param title the group's earliest question, as a name for it
 * @param count how many questions the group holds
 * @param examples the most recent questions (the detail view lists up to 200)
 * @param locales question count per locale
 * @param sources question count per source: unanswered, unhelpful, handed_off
 * @param handedOff how many of its conversations went to a person for it
 * @param draft the most substantial reply an agent wrote after one of these questions: a starting point
 * @param addressed the article a writer linked to the group, and how it has done since; null while open
 */
record GapGroup(UUID id, String title, int count, List<Question> examples, Map<String, Integer> locales,
        Map<String, Integer> sources, int handedOff, Instant firstSeenAt, Instant lastSeenAt, Draft draft,
        Addressed addressed) {

    record Question(UUID id, String question, String locale, String source, UUID conversationId, boolean handedOff,
            String agentReply, Instant at) {
    }

    record Draft(String text, String question, String locale, UUID conversationId, Instant at) {
    }

    /**
     * @param article the linked article now (null if it was deleted since)
     * @param since the article's usage since the group was addressed
     * @param newQuestions questions that joined the group after it was addressed (the article may not cover them)
     */
    record Addressed(UUID articleId, LinkedArticle article, Instant at, String by, ArticleUsage since,
            int newQuestions) {
    }

    record LinkedArticle(String title, String slug, String locale, String status) {
    }
}
