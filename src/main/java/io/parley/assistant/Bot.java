package io.parley.assistant;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.parley.assistant.calibration.AnswerLabel;
import io.parley.assistant.calibration.AnswerLabels;
import io.parley.assistant.reply.BotReplies;
import io.parley.assistant.intent.IntentDetector;
import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.core.DurableListener;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers every customer message in a conversation the bot is responsible for, after the message is committed and
 * off the customer's thread. Everything it says goes through chat, which refuses a bot message once a person has
 * taken over (a late bot reply is dropped rather than talking over them).
 * <p>
 * The listener is durable: the {@link MessagePosted} is stored in the event publication registry with the message,
 * and is only marked complete when the reply (or hand-off) committed. A crash or a database outage in between
 * leaves it incomplete, and the resubmission answers it then. The reply is keyed on the question's message id
 * ({@link Conversations#postBotReply}), so a resubmitted question is answered once, never twice.
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
    private final TransactionTemplate transactions;
    private final FairBotQueue queue;
    private final AnswerLabels labels;
    private final IntentDetector intents = new IntentDetector();

    Bot(Conversations conversations, Customers customers, ReplyPlanner planner, AssistantProperties properties,
            ApplicationEventPublisher events, TransactionTemplate transactions, FairBotQueue queue, AnswerLabels labels) {
        this.conversations = conversations;
        this.customers = customers;
        this.planner = planner;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.queue = queue;
        this.labels = labels;
    }

    /*
     * Off the thread that stored the message (a slow search or model call never holds it up), and through the fair
     * queue (one customer's flood never starves the others). The listener waits for the queued answer, so the durable
     * publication completes only once the reply is stored: a crash in between leaves it to be resubmitted.
     */
    @DurableListener
    @Async("botExecutor")
    void on(MessagePosted event) {
        if (!properties.enabled() || event.message().author().type() != AuthorType.CUSTOMER) {
            return;
        }
        String customer = event.customerId() == null ? event.conversationId().toString() : event.customerId().toString();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Runnable answer = () -> {
            try {
                respond(event);
                answered.complete(null);
            }
            catch (Throwable e) {
                answered.completeExceptionally(e);
            }
        };
        if (!queue.offer(customer, answer)) {
            busy(event);
            return;
        }
        try {
            answered.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The queue is full: rather than silence, the customer is told so and a person takes over. */
    private void busy(MessagePosted event) {
        try {
            String locale = conversations.get(event.conversationId()).locale();
            conversations.handOverAsBot(event.conversationId(), event.message().id(), properties.botName(),
                    BotReplies.text(locale, BotReplies.Key.BUSY), new MessageContent.Busy(), "bot_busy",
                    event.message().text());
        }
        catch (RuntimeException e) {
            log.error("Could not tell the customer the bot is busy in conversation {}", event.conversationId(), e);
        }
    }

    void respond(MessagePosted event) {
        try {
            Conversation conversation = conversations.get(event.conversationId());
            if (!conversation.botResponds() || conversations.botReplied(conversation.id(), event.message().id())) {
                // a person has it, or this is a resubmission of a question already answered
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
            Plan plan = planner.plan(context);
            // the reply and the hand-off it announces commit together: never a "connecting you" without the queue
            transactions.executeWithoutResult(status -> act(context, plan));
        }
        catch (TransientDataAccessException | CannotCreateTransactionException
                | DataAccessResourceFailureException e) {
            // the database is away: nothing to apologise with. The publication stays incomplete and is resubmitted.
            log.warn("The bot could not answer message {} in conversation {} now (database unavailable), it will be retried: {}",
                    event.message().seq(), event.conversationId(), e.toString());
            throw e;
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
            conversations.postBotReply(context.conversation().id(), context.message().id(), properties.botName(), say.text(),
                    say.content());
            feedback(context, state, say.content());
        }
        else if (plan instanceof Plan.HandOff handOff) {
            // one intent, one transaction: the message and the hand-off (with its queue notice) commit together
            conversations.handOverAsBot(context.conversation().id(), context.message().id(), properties.botName(),
                    handOff.text(), handOff.content(), handOff.reason(), context.customerQuestion(intents));
        }
    }

    /**
     * A yes or no to "Did that answer your question?" is recorded for insights, and as a label of the answer for the
     * calibration (in the reply's transaction, keyed on the customer's message: a resubmission adds nothing).
     */
    private void feedback(TurnContext context, DialogueState state, MessageContent reply) {
        String articleId = state.answeredArticleId();
        if (!state.afterAnswer() || articleId == null) {
            return;
        }
        if (reply instanceof MessageContent.AnswerConfirmed) {
            events.publishEvent(new AnswerFeedbackGiven(context.conversation().id(), articleId, true));
            label(context, (MessageContent.BotAnswer) state.last(), AnswerLabel.Verdict.RIGHT_ARTICLE);
        }
        else if (reply instanceof MessageContent.OfferHuman
                || reply instanceof MessageContent.BotAnswer next && next.unhelpfulStreak() == 1) {
            events.publishEvent(new AnswerFeedbackGiven(context.conversation().id(), articleId, false));
            label(context, (MessageContent.BotAnswer) state.last(), AnswerLabel.Verdict.WRONG_ARTICLE);
        }
    }

    private void label(TurnContext context, MessageContent.BotAnswer answer, AnswerLabel.Verdict verdict) {
        MessageContent.Source source = answer.sources() == null ? null : answer.sources().stream()
                .filter(s -> answer.answeredArticleId().equals(s.articleId())).findFirst().orElse(null);
        if (source == null || answer.query() == null) {
            return;
        }
        String locale = answer.locale() != null ? answer.locale() : context.conversation().locale();
        labels.record(new AnswerLabels.NewLabel(AnswerLabel.Source.CUSTOMER_FEEDBACK, context.message().id().toString(),
                answer.query(), locale, source.slug(), source.locale(), verdict, context.conversation().id()));
    }

    private static boolean newerCustomerMessage(List<ChatMessage> recent, ChatMessage message) {
        return recent.stream().anyMatch(m -> m.seq() > message.seq() && m.author().type() == AuthorType.CUSTOMER);
    }

    /** Whatever went wrong, the customer is not left without a reply: they are offered a person. */
    private void apologise(MessagePosted event) {
        try {
            String locale = conversations.get(event.conversationId()).locale();
            conversations.postBotReply(event.conversationId(), event.message().id(), properties.botName(),
                    BotReplies.text(locale, BotReplies.Key.UNHELPFUL_OFFER),
                    new MessageContent.OfferHuman(null, "bot_error", List.of(MessageContent.QuickReply.of(
                            BotReplies.text(locale, BotReplies.Key.TALK_TO_PERSON)))));
        }
        catch (RuntimeException e) {
            log.error("Could not even apologise in conversation {}", event.conversationId(), e);
        }
    }
}
