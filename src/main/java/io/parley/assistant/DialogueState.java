package io.parley.assistant;

import java.util.List;

import io.parley.chat.MessageContent;
import io.parley.chat.MessageContent.Alternative;
import io.parley.chat.MessageContent.ArticleOption;

/**
 * Where the dialogue stands after the bot's last message: what it asked, answered or offered. Read from that
 * message's typed content, so nothing is kept in memory between messages (any node can answer the next one).
 *
 * @param last the bot's last message content, null when the bot has not spoken since the last system notice
 * @param query the question the last answer, clarifying question or "I don't know" was about, or null
 * @param answeredArticleId the article the last answer came from, or null
 * @param unhelpfulStreak how many answers in a row the customer said did not help
 * @param alternatives the next best articles after the last answer
 * @param options the choices of the last clarifying question
 * @param offeredHandoffReason the reason a person was offered for, or null when none was
 */
record DialogueState(MessageContent last, String query, String answeredArticleId, int unhelpfulStreak,
        List<Alternative> alternatives, List<ArticleOption> options, String offeredHandoffReason) {

    static final DialogueState FRESH = new DialogueState(null, null, null, 0, List.of(), List.of(), null);

    static DialogueState after(MessageContent last) {
        if (last instanceof MessageContent.BotAnswer a) {
            return new DialogueState(a, a.query(), a.answeredArticleId(), a.unhelpfulStreak(), list(a.alternatives()),
                    List.of(), null);
        }
        if (last instanceof MessageContent.Clarify c) {
            return new DialogueState(c, c.query(), null, 0, List.of(), list(c.options()), null);
        }
        if (last instanceof MessageContent.DontKnow d) {
            return new DialogueState(d, d.query(), null, 0, List.of(), List.of(), d.offeredHandoffReason());
        }
        if (last instanceof MessageContent.OfferHuman o) {
            return new DialogueState(o, null, null, 0, List.of(), List.of(), o.offeredHandoffReason());
        }
        return last == null ? FRESH : new DialogueState(last, null, null, 0, List.of(), List.of(), null);
    }

    boolean afterAnswer() {
        return last instanceof MessageContent.BotAnswer;
    }

    boolean afterClarify() {
        return last instanceof MessageContent.Clarify;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
