package io.parley.insight.facts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.ConversationStarted;
import io.parley.chat.MessageContent;
import io.parley.chat.MessagePosted;
import io.parley.customer.VisitorIdentified;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.ConversationResolved;
import io.parley.ticket.TicketCreated;
import io.parley.ticket.TicketStatusChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps insight's fact tables. Listeners run inside the publisher's transaction, so a fact exists exactly when the
 * thing it records was committed; every insert is keyed on the event's natural identity and ignores a repeat, so a
 * duplicate event never counts twice. Each write runs in a savepoint: should it ever fail, it is logged and undone
 * alone, and the chat message or handoff that published the event is stored all the same (nothing depends on
 * insight).
 */
@Component
class FactRecorder {

    private static final Logger log = LoggerFactory.getLogger(FactRecorder.class);

    private final JdbcClient jdbc;
    private final InsightCounters counters;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    FactRecorder(JdbcClient jdbc, InsightCounters counters, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void on(ConversationStarted event) {
        record(event, () -> {
            int added = jdbc.sql("""
                    insert into insight_conversation (conversation_id, customer_id, locale, started_at)
                    values (?, ?, ?, ?) on conflict do nothing""")
                    .params(event.conversationId(), event.customerId(), event.locale(), ts(clock.instant())).update();
            if (added > 0) {
                counters.conversationStarted();
            }
        });
    }

    @EventListener
    void on(MessagePosted event) {
        record(event, () -> {
            ChatMessage message = event.message();
            String kind = message.payload() == null ? null : message.payload().kind();
            String articleId = message.payload() instanceof MessageContent.BotAnswer answer ? answer.answeredArticleId() : null;
            jdbc.sql("""
                    insert into insight_message (message_id, conversation_id, seq, author_type, kind, article_id, at)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(message.id(), message.conversationId(), message.seq(),
                            message.author().type().name().toLowerCase(), kind, articleId, ts(message.createdAt()))
                    .update();
            if (message.author().type() == AuthorType.AGENT) {
                completeLatestHandoff("first_agent_reply_at", message.conversationId(), message.createdAt());
            }
        });
    }

    @EventListener
    void on(AnswerFeedbackGiven event) {
        record(event, () -> {
            int added = jdbc.sql("""
                    insert into insight_feedback (conversation_id, article_id, helpful, at) values (?, ?, ?, ?)
                    on conflict do nothing""")
                    .params(event.conversationId(), event.articleId(), event.helpful(), ts(clock.instant())).update();
            if (added > 0) {
                counters.answerFeedback(event.helpful());
            }
        });
    }

    @EventListener
    void on(ConversationHandedOff event) {
        record(event, () -> {
            int added = jdbc.sql("""
                    insert into insight_handoff (conversation_id, handed_off_at, reason, out_of_hours)
                    values (?, ?, ?, ?) on conflict do nothing""")
                    .params(event.conversationId(), ts(event.at()), reasonOf(event.reason()), event.outOfHours()).update();
            if (added > 0) {
                counters.handoff(reasonOf(event.reason()));
            }
        });
    }

    @EventListener
    void on(ConversationResolved event) {
        record(event, () -> {
            int added = jdbc.sql("""
                    insert into insight_resolution (conversation_id, at, by_bot, agent_id) values (?, ?, ?, ?)
                    on conflict do nothing""")
                    .params(event.conversationId(), ts(event.at()), event.byBot(), event.agentId()).update();
            if (added == 0) {
                return;
            }
            counters.resolution(event.byBot());
            if (!event.byBot()) {
                completeLatestHandoff("resolved_at", event.conversationId(), event.at());
            }
        });
    }

    @EventListener
    void on(ConversationRated event) {
        record(event, () -> {
            // one rating per resolution: a re-rating replaces the score (a later one wins) and is not counted again
            boolean added = jdbc.sql("""
                    insert into insight_rating (conversation_id, at, customer_id, score, comment, agent_id, resolved_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (conversation_id, resolved_at) do update set score = excluded.score,
                        comment = excluded.comment, at = excluded.at
                        where insight_rating.at < excluded.at
                    returning (xmax = 0) as inserted""")
                    .params(event.conversationId(), ts(event.at()), event.customerId(), event.score(), event.comment(),
                            event.agentId(), ts(event.resolvedAt()))
                    .query(Boolean.class).optional().orElse(false);
            if (added) {
                counters.csat(event.score());
            }
        });
    }

    @EventListener
    void on(TicketCreated event) {
        record(event, () -> {
            jdbc.sql("""
                    insert into insight_ticket (ticket_id, number, conversation_id, customer_id, reason, status, created_at, status_at)
                    values (?, ?, ?, ?, ?, 'open', ?, ?) on conflict do nothing""")
                    .params(event.ticketId(), event.number(), event.conversationId(), event.customerId(), event.reason(),
                            ts(event.at()), ts(event.at())).update();
        });
    }

    @EventListener
    void on(TicketStatusChanged event) {
        record(event, () -> {
            // events may be seen out of order: a status only replaces an older one
            jdbc.sql("update insight_ticket set status = ?, status_at = ? where ticket_id = ? and status_at <= ?")
                    .params(event.to().json(), ts(event.at()), event.ticketId(), ts(event.at())).update();
        });
    }

    /** What an anonymous visitor did follows them once they are identified, as their conversations do. */
    @EventListener
    void on(VisitorIdentified event) {
        record(event, () -> {
            for (String table : new String[] { "insight_conversation", "insight_rating", "insight_ticket",
                    "insight_nps_survey", "insight_nps_response" }) {
                jdbc.sql("update " + table + " set customer_id = ? where customer_id = ?")
                        .params(event.customerId(), event.anonymousCustomerId()).update();
            }
        });
    }

    private void record(Object event, Runnable write) {
        try {
            savepoint.executeWithoutResult(status -> write.run());
        }
        catch (RuntimeException e) {
            // the event's class only: messages carry what customers wrote, which is not for the log
            log.error("Insight could not record a {}; the figures will miss it", event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Sets a milestone (the first agent reply, the resolution) of the latest handoff before {@code at}, once: a
     * later reply or a repeated event leaves it as it is.
     */
    private void completeLatestHandoff(String column, UUID conversationId, Instant at) {
        jdbc.sql("update insight_handoff set " + column + " = :at where conversation_id = :id and " + column
                + " is null and handed_off_at = (select max(handed_off_at) from insight_handoff"
                + " where conversation_id = :id and handed_off_at <= :at)")
                .param("id", conversationId).param("at", ts(at)).update();
    }

    private static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? "unspecified" : reason;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
