package io.parley.insight.gaps;

import io.parley.insight.InsightProperties;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.core.DurableListener;
import io.parley.knowledge.ArticleRated;
import io.parley.handoff.ConversationHandedOff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Collects content gaps and article signals from what happens in conversations, after it is committed and on its
 * own single thread (so the chat never waits for an embedding, and a question is always stored before the agent's
 * reply to it):
 * <ul>
 * <li>a bot message of kind {@code dont_know}, or {@code offer_human} for {@code missing_knowledge} (the customer
 * chose "none of these" after a clarifying question): an unanswered question;</li>
 * <li>{@link AnswerFeedbackGiven} with helpful=false: an answered-wrongly question (and an unhelpful signal for the
 * article); helpful=true: a helpful signal;</li>
 * <li>{@link ConversationHandedOff} for {@code missing_knowledge}: the question is marked handed off;</li>
 * <li>a bot answer: a "shown" signal for each article it cites;</li>
 * <li>an agent message: kept as a draft answer for the conversation's earlier gap questions.</li>
 * </ul>
 */
@Component
class ContentGapListener {

    private static final Logger log = LoggerFactory.getLogger(ContentGapListener.class);
    private static final int CONTEXT_MESSAGES = 20;
    static final String MISSING_KNOWLEDGE = "missing_knowledge";

    private final ContentGaps gaps;
    private final Conversations conversations;
    private final InsightProperties.ContentGaps properties;
    private final Clock clock;

    ContentGapListener(ContentGaps gaps, Conversations conversations, InsightProperties insight,
            Clock clock) {
        this.gaps = gaps;
        this.conversations = conversations;
        this.properties = insight.contentGaps();
        this.clock = clock;
    }

    // durable, on the content-gap threads: the signal is recorded after the conversation committed, and again after
    // a crash or an outage (an unavailable database fails the publication instead of dropping the signal)
    @DurableListener
    @Async("contentGapExecutor")
    void on(MessagePosted event) {
        AuthorType author = event.message().author().type();
        if (properties.enabled() && (author == AuthorType.BOT || author == AuthorType.AGENT)) {
            run(() -> messagePosted(event));
        }
    }

    /** The help centre's "Was this helpful?": counted into the article's helpfulness like the widget's verdicts. */
    @DurableListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(ArticleRated event) {
        gaps.articleRated(event.ratingId(), event.articleId(), event.helpful(), event.at());
    }

    @DurableListener
    @Async("contentGapExecutor")
    void on(AnswerFeedbackGiven event) {
        if (properties.enabled()) {
            run(() -> feedback(event));
        }
    }

    @DurableListener
    @Async("contentGapExecutor")
    void on(ConversationHandedOff event) {
        if (properties.enabled() && MISSING_KNOWLEDGE.equals(event.reason())) {
            run(() -> gaps.handedOff(event.conversationId(), event.question(), event.locale(),
                    event.at() == null ? clock.instant() : event.at()));
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        }
        catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException e) {
            // the database is away: the publication stays incomplete and is resubmitted
            throw e;
        }
        catch (RuntimeException e) {
            // insight must never disturb a conversation; a signal that cannot be recorded is logged
            log.warn("Could not record a content-gap signal", e);
        }
    }

    private void messagePosted(MessagePosted event) {
        ChatMessage message = event.message();
        if (message.author().type() == AuthorType.AGENT) {
            gaps.agentReplied(event.conversationId(), message.text(), message.createdAt());
            return;
        }
        MessageContent content = message.payload();
        String locale = content instanceof MessageContent.FromBot bot ? bot.locale() : null;
        if (content instanceof MessageContent.DontKnow dontKnow) {
            String question = dontKnow.query() != null ? dontKnow.query()
                    : previous(event.conversationId(), message, m -> m.author().type() == AuthorType.CUSTOMER ? m.text() : null).orElse(null);
            gaps.record(event.conversationId(), question, locale, ContentGaps.Source.UNANSWERED, null, message.createdAt());
        }
        else if (content instanceof MessageContent.OfferHuman offer && MISSING_KNOWLEDGE.equals(offer.offeredHandoffReason())) {
            // "none of these": the question is the one the clarifying question was about
            previous(event.conversationId(), message, ContentGapListener::clarifiedQuery).ifPresent(question ->
                    gaps.record(event.conversationId(), question, locale, ContentGaps.Source.UNANSWERED, null,
                            message.createdAt()));
        }
        else if (content instanceof MessageContent.BotAnswer answer) {
            for (UUID articleId : cited(answer)) {
                gaps.articleSignal(articleId, "shown", event.conversationId(), message.createdAt());
            }
        }
    }

    private void feedback(AnswerFeedbackGiven event) {
        Optional<UUID> articleId = uuid(event.articleId());
        articleId.ifPresent(id -> gaps.articleSignal(id, event.helpful() ? "helpful" : "unhelpful",
                event.conversationId(), clock.instant()));
        if (event.helpful()) {
            return;
        }
        List<ChatMessage> recent = conversations.recentMessages(event.conversationId(), CONTEXT_MESSAGES);
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.author().type() == AuthorType.BOT && m.payload() instanceof MessageContent.BotAnswer answer
                    && event.articleId().equals(answer.answeredArticleId()) && answer.query() != null) {
                gaps.record(event.conversationId(), answer.query(), answer.locale(),
                        ContentGaps.Source.UNHELPFUL, event.articleId(), clock.instant());
                return;
            }
        }
    }

    /** The first non-null {@code pick} of the messages before {@code message}, newest first. */
    private Optional<String> previous(UUID conversationId, ChatMessage message,
            java.util.function.Function<ChatMessage, String> pick) {
        List<ChatMessage> recent = conversations.recentMessages(conversationId, CONTEXT_MESSAGES);
        for (int i = recent.size() - 1; i >= 0; i--) {
            ChatMessage m = recent.get(i);
            if (m.seq() < message.seq()) {
                String value = pick.apply(m);
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static String clarifiedQuery(ChatMessage m) {
        return m.author().type() == AuthorType.BOT && m.payload() instanceof MessageContent.Clarify clarify ? clarify.query() : null;
    }

    private static Set<UUID> cited(MessageContent.BotAnswer answer) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (MessageContent.Source source : answer.sources() == null ? List.<MessageContent.Source>of() : answer.sources()) {
            if (source != null && source.articleId() != null) {
                uuid(source.articleId()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
