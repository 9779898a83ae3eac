package io.parley.chat;

import java.util.UUID;

/**
 * The customer said whether the bot's answer helped ("Did that answer your question?"). A yes is a confirmed bot
 * resolution; a no counts against the article.
 */
public record AnswerFeedbackGiven(UUID conversationId, String articleId, boolean helpful) {
}
