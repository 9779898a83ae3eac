package io.parley.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.chat.MessageContent;
import io.parley.handoff.TicketDirectory.BotSource;

import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;

/**
 * The summary an agent reads first when no language model writes one: what the customer asked, what the bot
 * answered and from which articles, and why it was handed over.
 */
final class TicketSummaries {

    private static final int MAX_QUESTIONS = 5;
    private static final int MAX_QUOTE = 200;

    private TicketSummaries() {
    }

    static String build(List<ChatMessage> transcript, String reason, String question) {
        List<String> questions = transcript.stream().filter(m -> m.author().type() == AuthorType.CUSTOMER)
                .map(m -> quote(m.text())).distinct().toList();
        if (questions.size() > MAX_QUESTIONS) {
            questions = questions.subList(questions.size() - MAX_QUESTIONS, questions.size());
        }
        List<String> answered = new ArrayList<>();
        for (ChatMessage m : transcript) {
            if (m.author().type() == AuthorType.BOT && m.payload() instanceof MessageContent.BotAnswer) {
                sources(List.of(m)).stream().findFirst().map(s -> String.valueOf(s.title())).ifPresent(answered::add);
            }
        }
        StringBuilder out = new StringBuilder("Handed over: ").append(reason == null ? "unknown reason" : reason.replace('_', ' ')).append('.');
        if (!questions.isEmpty()) {
            out.append(" The customer wrote: ").append(String.join("; ", questions)).append('.');
        }
        List<String> shown = sources(transcript).stream().map(s -> String.valueOf(s.title())).toList();
        if (!answered.isEmpty()) {
            out.append(" The bot answered from: ").append(String.join(", ", answered.stream().distinct().toList())).append('.');
        }
        else if (!shown.isEmpty()) {
            out.append(" The bot showed: ").append(String.join(", ", shown)).append('.');
        }
        else {
            out.append(" The bot found no article that answered it.");
        }
        if (question != null && !question.isBlank()) {
            out.append(" Open question: ").append(quote(question)).append('.');
        }
        return out.toString();
    }

    /** The articles the bot cited or offered, first mention first, without repeats. */
    static List<BotSource> sources(List<ChatMessage> transcript) {
        Map<String, BotSource> byArticle = new LinkedHashMap<>();
        for (ChatMessage m : transcript) {
            if (m.author().type() != AuthorType.BOT) {
                continue;
            }
            List<MessageContent.Source> shown = m.payload() instanceof MessageContent.BotAnswer a ? a.sources()
                    : m.payload() instanceof MessageContent.Clarify c ? c.sources() : null;
            for (MessageContent.Source s : shown == null ? List.<MessageContent.Source>of() : shown) {
                if (s != null && s.articleId() != null) {
                    byArticle.putIfAbsent(s.articleId(), new BotSource(s.articleId(), s.slug(), s.locale(), s.title(), s.url()));
                }
            }
        }
        return List.copyOf(byArticle.values());
    }

    private static String quote(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return "\"" + (flat.length() > MAX_QUOTE ? flat.substring(0, MAX_QUOTE - 1) + "…" : flat) + "\"";
    }
}
