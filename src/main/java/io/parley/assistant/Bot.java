package io.parley.assistant;

import java.util.List;
import java.util.concurrent.Executor;

import io.parley.assistant.reply.BotReplies;
import io.parley.assistant.intent.IntentDetector;
import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Answers every customer message in a conversation the bot is responsible for, after the message is committed and
 * off the customer's thread. Everything it says goes through chat, which refuses a bot message once a person has
 * taken over (a late bot reply is dropped rather than talking over them).
 */
@Component
class Bot {

    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final int CONTEXT_MESSAGES = 12;

    private final Conversations conversations;
    private final Customers customers;
    private final ReplyPlanner planner;
    private final AssistantProperties properties;
    private final ApplicationEventPublisher events;
    private final Executor executor;
    private final IntentDetector intents = new IntentDetector();

    Bot(Conversations conversations, Customers customers, ReplyPlanner planner, AssistantProperties properties,
            ApplicationEventPublisher events, @Qualifier("botExecutor") Executor executor) {
        this.conversations = conversations;
        this.customers = customers;
        this.planner = planner;
        this.properties = properties;
        this.events = events;
        this.executor = executor;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagePosted event) {
        if (!properties.enabled() || event.message().author().type() != AuthorType.CUSTOMER) {
            return;
        }
        executor.execute(() -> respond(event));
    }

    void respond(MessagePosted event) {
        try {
            Conversation conversation = conversations.get(event.conversationId());
            if (!conversation.botResponds()) {
                return;
            }
            List<ChatMessage> recent = conversations.recentMessages(conversation.id(), CONTEXT_MESSAGES);
            if (newerCustomerMessage(recent, event.message())) {
                // the customer has already written again; that newer message gets the answer
                return;
            }
            Customer customer = customers.findById(conversation.customerId()).orElse(null);
            TurnContext context = new TurnContext(conversation, recent, event.message(),
                    customer == null ? null : customer.name(), customer == null ? null : customer.locale());
            act(context, planner.plan(context));
        }
        catch (RuntimeException e) {
            log.error("The bot failed to answer message {} in conversation {}", event.message().seq(),
                    event.conversationId(), e);
            apologise(event);
        }
    }

    private void act(TurnContext context, Plan plan) {
        DialogueState state = context.dialogue();
        if (plan instanceof Plan.Say say) {
            conversations.postAsBot(context.conversation().id(), properties.botName(), say.text(), say.content());
            feedback(context, state, say.content());
        }
        else if (plan instanceof Plan.HandOff handOff) {
            // one intent, one transaction: the message and the hand-off (with its queue notice) commit together
            conversations.handOverAsBot(context.conversation().id(), properties.botName(), handOff.text(),
                    handOff.content(), context.customerQuestion(intents));
        }
    }

    /** A yes or no to "Did that answer your question?" is recorded for insights. */
    private void feedback(TurnContext context, DialogueState state, MessageContent reply) {
        String articleId = state.answeredArticleId();
        if (!state.afterAnswer() || articleId == null) {
            return;
        }
        if (reply instanceof MessageContent.AnswerConfirmed) {
            events.publishEvent(new AnswerFeedbackGiven(context.conversation().id(), articleId, true));
        }
        else if (reply instanceof MessageContent.OfferHuman
                || reply instanceof MessageContent.BotAnswer next && next.unhelpfulStreak() == 1) {
            events.publishEvent(new AnswerFeedbackGiven(context.conversation().id(), articleId, false));
        }
    }

    private static boolean newerCustomerMessage(List<ChatMessage> recent, ChatMessage message) {
        return recent.stream().anyMatch(m -> m.seq() > message.seq() && m.author().type() == AuthorType.CUSTOMER);
    }

    /** Whatever went wrong, the customer is not left without a reply: they are offered a person. */
    private void apologise(MessagePosted event) {
        try {
            String locale = conversations.get(event.conversationId()).locale();
            conversations.postAsBot(event.conversationId(), properties.botName(),
                    BotReplies.text(locale, BotReplies.Key.UNHELPFUL_OFFER),
                    new MessageContent.OfferHuman(null, "bot_error", List.of(MessageContent.QuickReply.of(
                            BotReplies.text(locale, BotReplies.Key.TALK_TO_PERSON)))));
        }
        catch (RuntimeException e) {
            log.error("Could not even apologise in conversation {}", event.conversationId(), e);
        }
    }
}
