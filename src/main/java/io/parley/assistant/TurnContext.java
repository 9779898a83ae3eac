package io.parley.assistant;

import java.util.List;
import java.util.Optional;

import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.MessageContent;

/**
 * What the bot knows when it answers one customer message: the conversation, its recent messages (oldest first,
 * the new one last) and who the customer is.
 *
 * @param customerName the name to address the customer by, or null
 */
record TurnContext(Conversation conversation, List<ChatMessage> recent, ChatMessage message, String customerName,
        String customerLocale) {

    /**
     * The customer's question behind this turn, for the agent and the ticket subject: the newest customer message up to
     * this one that asks something ("How do I export?"), not a "talk to a person", "no" or "thanks" after it.
     */
    String customerQuestion(io.parley.assistant.intent.IntentDetector intents) {
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() <= message.seq() && m.author().type() == AuthorType.CUSTOMER
                    && intents.classify(m.text(), false) == io.parley.assistant.intent.Intent.QUESTION) {
                return m.text();
            }
        }
        return message.text();
    }

    /** The state of the dialogue, as the bot's last message left it (what was offered, asked, answered). */
    DialogueState dialogue() {
        return DialogueState.after(lastBotContent());
    }

    /** The content of the bot's last message, null when a system or agent message came after it (or none). */
    private MessageContent lastBotContent() {
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() < message.seq() && m.author().type() == AuthorType.BOT) {
                return m.payload();
            }
            if (m.seq() < message.seq() && m.author().type() != AuthorType.CUSTOMER) {
                return null;
            }
        }
        return null;
    }

    /** The customer's previous message before this one, if any. */
    Optional<String> previousCustomerText() {
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() < message.seq() && m.author().type() == AuthorType.CUSTOMER) {
                return Optional.of(m.text());
            }
        }
        return Optional.empty();
    }

    boolean botHasAnsweredBefore() {
        return recent.stream().anyMatch(m -> m.seq() < message.seq() && m.author().type() == AuthorType.BOT);
    }
}
