package io.parley.assistant.calibration;

import java.util.List;

import io.parley.assistant.intent.Intent;
import io.parley.assistant.intent.IntentDetector;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.knowledge.Article;
import io.parley.knowledge.ArticleLinks;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An agent who answers a handed-off question with a link to an article (typed, or "Insert link" from the console's
 * suggested articles) says that this article answers it: a {@link AnswerLabel.Verdict#RIGHT_ARTICLE} label for the
 * customer's question, which the bot did not (or could not) answer.
 * <p>
 * It runs inside the transaction that stores the agent's message, like the insight facts: the label commits with the
 * message or not at all, and no event publication is stored for every message of every conversation to find the few
 * agent replies with a link. It only reads (the conversation, its recent messages, the linked articles) before one
 * idempotent insert, keyed on the agent's message and the article.
 */
@Component
class AgentLinkLabels {

    /** How far back the customer's question is looked for. */
    private static final int CONTEXT_MESSAGES = 40;
    /** Links of one message labelled at most (an agent's list of "see also" links is not a verdict on each). */
    private static final int MAX_LINKS = 2;

    private final ArticleLinks links;
    private final Conversations conversations;
    private final AnswerLabels labels;
    private final IntentDetector intents = new IntentDetector();

    AgentLinkLabels(ArticleLinks links, Conversations conversations, AnswerLabels labels) {
        this.links = links;
        this.conversations = conversations;
        this.labels = labels;
    }

    @EventListener
    void on(MessagePosted event) {
        ChatMessage reply = event.message();
        if (reply.author().type() != AuthorType.AGENT || reply.text() == null || reply.text().indexOf('/') < 0) {
            return;
        }
        List<Article> linked = links.linkedIn(reply.text());
        if (linked.isEmpty()) {
            return;
        }
        Conversation conversation = conversations.get(event.conversationId());
        String question = handedOffQuestion(conversations.recentMessages(conversation.id(), CONTEXT_MESSAGES), reply);
        if (question == null) {
            return;
        }
        for (Article article : linked.subList(0, Math.min(MAX_LINKS, linked.size()))) {
            labels.record(new AnswerLabels.NewLabel(AnswerLabel.Source.AGENT_LINK,
                    reply.id() + ":" + article.locale() + ":" + article.slug(), question, conversation.locale(),
                    article.slug(), article.locale(), AnswerLabel.Verdict.RIGHT_ARTICLE, conversation.id()));
        }
    }

    /**
     * The question the conversation was handed off with: the customer's last question before the bot's hand-off
     * message, or (handed off another way, e.g. the bot switched off) the last question before the agent's reply.
     * Requests for a person, thanks and yes/no are not questions.
     */
    String handedOffQuestion(List<ChatMessage> recent, ChatMessage reply) {
        long before = reply.seq();
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() < reply.seq() && m.payload() instanceof MessageContent.HandedOff) {
                before = m.seq();
                break;
            }
        }
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() < before && m.author().type() == AuthorType.CUSTOMER && m.text() != null
                    && intents.classify(m.text(), false) == Intent.QUESTION) {
                return m.text();
            }
        }
        return null;
    }
}
