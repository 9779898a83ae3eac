package io.parley.assistant;

import java.util.List;
import java.util.Optional;

import io.parley.assistant.answer.AnswerRequest;
import io.parley.assistant.answer.AnswerWriter;
import io.parley.assistant.answer.WrittenAnswer;
import io.parley.assistant.reply.BotReplies;

/**
 * The answer without a language model: the best passage, trimmed at a sentence boundary, under the article's title
 * and with a link to the whole article. Quoted in the article's own language, framed in the customer's.
 */
final class ExtractiveAnswerWriter implements AnswerWriter {

    private static final int MAX_CHARS = 700;

    @Override
    public Optional<WrittenAnswer> write(AnswerRequest request) {
        if (request.sources().isEmpty()) {
            return Optional.empty();
        }
        AnswerRequest.Source best = request.sources().get(0);
        StringBuilder text = new StringBuilder();
        text.append("**").append(BotReplies.text(request.locale(), BotReplies.Key.FROM_ARTICLE, best.title())).append("**\n\n");
        text.append(excerpt(best.text()));
        if (best.url() != null && !best.url().isBlank()) {
            text.append("\n\n[").append(BotReplies.text(request.locale(), BotReplies.Key.READ_MORE)).append("](")
                    .append(best.url()).append(")");
        }
        return Optional.of(new WrittenAnswer(text.toString(), List.of(best.id()), "extractive"));
    }

    static String excerpt(String passage) {
        String clean = passage.strip();
        if (clean.length() <= MAX_CHARS) {
            return clean;
        }
        int cut = -1;
        for (String end : new String[] { ". ", "! ", "? ", ".\n", "\n\n", "。", "؟ " }) {
            int at = clean.lastIndexOf(end, MAX_CHARS);
            cut = Math.max(cut, at);
        }
        return cut > MAX_CHARS / 3 ? clean.substring(0, cut + 1).strip() : clean.substring(0, MAX_CHARS).strip() + "…";
    }
}
