package io.parley.insight.nps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.chat.Author;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.PostMessage;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.ConversationResolved;
import io.parley.insight.InsightException;
import io.parley.insight.InsightProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import io.parley.core.DurableListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The NPS survey: offered at the configured touchpoints as a system message (payload kind {@code nps}) in the
 * conversation, at most once per customer within {@code min-interval}; answered by the customer over REST.
 */
@Service
class NpsSurveys {

    private static final Logger log = LoggerFactory.getLogger(NpsSurveys.class);

    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final InsightProperties.Nps settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate newTransaction;
    private final MeterRegistry meters;
    private final Clock clock;

    NpsSurveys(JdbcClient jdbc, Conversations conversations, InsightProperties properties,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.settings = properties.nps();
        this.events = events;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
        this.clock = clock;
    }

    record Survey(UUID id, UUID customerId, UUID conversationId, String touchpoint, Instant sentAt) {
    }

    record Answer(Integer score, String comment) {
    }

    record SurveyView(UUID surveyId, boolean answered, Integer score, String comment) {
    }

    /**
     * A resolved conversation is a touchpoint. The survey is offered after the resolution committed, in its own
     * transaction: a failure here is logged and never undoes the resolution. Durable: resubmitted after a crash or an
     * outage, and idempotent through the one-survey-per-customer-per-interval rule.
     */
    @DurableListener
    void on(ConversationResolved event) {
        offerAt(event.byBot() ? "bot_resolved" : "agent_resolved", event.customerId(), event.conversationId());
    }

    /**
     * The customer answered the rating prompt (CSAT) of a resolved conversation: the default touchpoint, so the NPS
     * question follows the rating instead of arriving next to it and pushing it out of the way.
     */
    @DurableListener
    void on(ConversationRated event) {
        offerAt("rated", event.customerId(), event.conversationId());
    }

    private void offerAt(String touchpoint, UUID customerId, UUID conversationId) {
        if (!settings.touchpoints().contains(touchpoint)) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(status -> offer(customerId, conversationId, touchpoint));
        }
        catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException e) {
            // the database is away: the publication stays incomplete and is resubmitted
            throw e;
        }
        catch (RuntimeException e) {
            log.warn("Could not offer the NPS survey in conversation {}", conversationId, e);
        }
    }

    /** @return the survey sent, empty when the customer had one within {@code min-interval} */
    Optional<Survey> offer(UUID customerId, UUID conversationId, String touchpoint) {
        // one survey decision per customer at a time, so two resolutions at once cannot both send one
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("nps:" + customerId).query().singleRow();
        Instant now = clock.instant();
        boolean recent = jdbc.sql("select exists (select 1 from insight_nps_survey where customer_id = ? and sent_at > ?)")
                .params(customerId, Timestamp.from(now.minus(settings.minInterval()))).query(Boolean.class).single();
        if (recent) {
            return Optional.empty();
        }
        Conversation conversation = conversations.get(conversationId);
        Survey survey = new Survey(UUID.randomUUID(), customerId, conversationId, touchpoint, now);
        jdbc.sql("""
                insert into insight_nps_survey (id, customer_id, conversation_id, locale, touchpoint, sent_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(survey.id(), customerId, conversationId, conversation.locale(), touchpoint, Timestamp.from(now))
                .update();
        conversations.post(new PostMessage(conversationId, Author.system(), NpsTexts.question(conversation.locale()),
                new MessageContent.NpsSurvey(survey.id(), 0, 10), "nps-" + survey.id()));
        Counter.builder("parley.insight.nps.surveys").description("NPS surveys offered").register(meters).increment();
        return Optional.of(survey);
    }

    /** The customer's answer; one per survey, only by the customer it was sent to. */
    @Transactional
    NpsReceived answer(UUID customerId, UUID surveyId, Answer answer) {
        if (answer == null || answer.score() == null || answer.score() < 0 || answer.score() > 10) {
            throw InsightException.badRequest("nps_score_invalid", "score must be a whole number from 0 to 10");
        }
        String comment = answer.comment() == null || answer.comment().isBlank() ? null : answer.comment().strip();
        if (comment != null && comment.length() > settings.maxCommentLength()) {
            throw InsightException.badRequest("nps_comment_too_long",
                    "comment is longer than " + settings.maxCommentLength() + " characters");
        }
        Survey survey = survey(customerId, surveyId);
        Instant now = clock.instant();
        UUID responseId = UUID.randomUUID();
        int added = jdbc.sql("""
                insert into insight_nps_response (id, survey_id, customer_id, score, comment, at)
                values (?, ?, ?, ?, ?, ?) on conflict (survey_id) do nothing""")
                .params(responseId, surveyId, customerId, answer.score(), comment, Timestamp.from(now)).update();
        if (added == 0) {
            throw new InsightException(409, "nps_already_answered", "This survey has already been answered");
        }
        NpsReceived received = new NpsReceived(responseId, surveyId, customerId, survey.conversationId(),
                answer.score(), NpsCategory.of(answer.score()), comment, now);
        events.publishEvent(received);
        if (survey.conversationId() != null) {
            String locale = conversations.get(survey.conversationId()).locale();
            conversations.post(new PostMessage(survey.conversationId(), Author.system(), NpsTexts.thanks(locale),
                    new MessageContent.NpsAnswered(surveyId, answer.score()),
                    "nps-answered-" + surveyId));
        }
        Counter.builder("parley.insight.nps.responses").description("NPS answers, by category")
                .tag("category", received.category()).register(meters).increment();
        return received;
    }

    SurveyView view(UUID customerId, UUID surveyId) {
        survey(customerId, surveyId);
        return jdbc.sql("select score, comment from insight_nps_response where survey_id = ?").param(surveyId)
                .query((rs, row) -> new SurveyView(surveyId, true, rs.getInt("score"), rs.getString("comment")))
                .optional().orElse(new SurveyView(surveyId, false, null, null));
    }

    /** Someone else's survey is as unknown as a made-up id. */
    private Survey survey(UUID customerId, UUID surveyId) {
        return jdbc.sql("select * from insight_nps_survey where id = ? and customer_id = ?").params(surveyId, customerId)
                .query((rs, row) -> new Survey(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class), rs.getString("touchpoint"),
                        rs.getTimestamp("sent_at").toInstant()))
                .optional().orElseThrow(() -> InsightException.notFound("nps_survey_not_found", "Unknown survey " + surveyId));
    }
}
