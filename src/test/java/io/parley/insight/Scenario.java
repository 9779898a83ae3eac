package io.parley.insight;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.parley.chat.AnswerFeedbackGiven;
import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.PostMessage;
import io.parley.customer.CustomerSessions;
import io.parley.customer.SessionRequest;
import io.parley.customer.WidgetSession;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.ConversationResolved;
import io.parley.ticket.TicketCreated;
import io.parley.ticket.TicketStatus;
import io.parley.ticket.TicketStatusChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scripts what happens in conversations at known times: real conversations and messages through chat's API (the
 * application clock set to the scripted instant), and the handoff/assistant events the way those modules publish
 * them (inside a transaction).
 */
final class Scenario {

    private final MutableClock clock;
    private final CustomerSessions customers;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Map<UUID, UUID> customerOf = new HashMap<>();
    private final Map<UUID, String> localeOf = new HashMap<>();
    private final Map<UUID, UUID> ticketIds = new HashMap<>();
    private final java.util.Set<UUID> handedOff = new java.util.HashSet<>();
    private final JdbcClient jdbc;

    Scenario(MutableClock clock, CustomerSessions customers, Conversations conversations,
            ApplicationEventPublisher events, TransactionTemplate transactions, JdbcClient jdbc) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.customers = customers;
        this.conversations = conversations;
        this.events = events;
        this.transactions = transactions;
    }

    UUID customer(String name, String company) {
        return UUID.fromString(session(name, company).customer().id());
    }

    /** A new visitor's widget session (its token stays valid while the clock is set into the past). */
    WidgetSession session(String name, String company) {
        String visitor = "v_" + UUID.randomUUID().toString().replace("-", "");
        return customers.start(new SessionRequest(visitor, null, null, name, null, "en", company));
    }

    UUID start(UUID customerId, String locale, Instant at) {
        UUID id = at(at, () -> conversations.start(customerId, null, locale).id());
        customerOf.put(id, customerId);
        localeOf.put(id, locale);
        return id;
    }

    ChatMessage customerSays(UUID conversation, Instant at) {
        return at(at, () -> conversations.post(new PostMessage(conversation,
                Author.customer(customerOf.get(conversation).toString(), "Customer"), "a question at " + at, null,
                "c-" + UUID.randomUUID())).message());
    }

    ChatMessage botSays(UUID conversation, Instant at, String kind, String articleId) {
        MessageContent payload = switch (kind) {
            case "answer" -> new MessageContent.BotAnswer("en", "a question", articleId, "extractive", true, 0, null,
                    List.of(), List.of(), List.of());
            case "clarify" -> new MessageContent.Clarify("en", "a question", null, List.of(), List.of(), List.of());
            case "dont_know" -> new MessageContent.DontKnow("en", "a question", null, "missing_knowledge", List.of());
            case "handoff" -> new MessageContent.HandedOff("en", "customer_request");
            case "resolved" -> new MessageContent.AnswerConfirmed("en", articleId);
            default -> throw new IllegalArgumentException("no bot message of kind " + kind);
        };
        return at(at, () -> conversations.postAsBot(conversation, "Parley", "bot " + kind, payload).orElseThrow());
    }

    ChatMessage agentSays(UUID conversation, UUID agentId, Instant at) {
        return at(at, () -> conversations.post(new PostMessage(conversation, Author.agent(agentId.toString(), "Agent"),
                "agent reply", null, null)).message());
    }

    void feedback(UUID conversation, String articleId, boolean helpful, Instant at) {
        at(at, () -> {
            publish(new AnswerFeedbackGiven(conversation, articleId, helpful));
            return null;
        });
    }

    void handOff(UUID conversation, String reason, Instant at) {
        handedOff.add(conversation);
        publish(new ConversationHandedOff(conversation, customerOf.get(conversation), localeOf.get(conversation),
                reason, "the question", false, at));
    }

    /** Also the NPS touchpoint: the survey it offers is dated {@code at}. */
    void resolve(UUID conversation, UUID agentId, Instant at) {
        clock.set(at);
        try {
            publish(new ConversationResolved(conversation, customerOf.get(conversation), agentId == null, agentId, at));
        }
        finally {
            clock.reset();
        }
    }

    void rate(UUID conversation, int score, UUID agentId, Instant at) {
        publish(new ConversationRated(conversation, customerOf.get(conversation), score, null, agentId, at));
    }

    /**
     * The ticket of a conversation: the one the ticket module opened for its handoff when there was one (its id is
     * then used for {@code ticketId} from here on), else a ticket event published here.
     */
    void ticket(UUID ticketId, UUID conversation, String reason, Instant at) {
        List<UUID> opened = realTickets(conversation);
        if (opened.isEmpty() && handedOff.contains(conversation)) {
            // the ticket module opens the ticket of a handoff after it committed: wait for it rather than race it
            opened = org.awaitility.Awaitility.await("the ticket of handed-off conversation " + conversation)
                    .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> realTickets(conversation), tickets -> !tickets.isEmpty());
        }
        if (!opened.isEmpty()) {
            ticketIds.put(ticketId, opened.get(0));
            return;
        }
        publish(new TicketCreated(ticketId, Math.abs(ticketId.getLeastSignificantBits() % 100000), conversation,
                customerOf.get(conversation), "subject", reason, "normal", at));
    }

    private List<UUID> realTickets(UUID conversation) {
        return jdbc.sql("select id from ticket where conversation_id = ?").param(conversation).query(UUID.class).list();
    }

    void ticketStatus(UUID ticketId, UUID conversation, TicketStatus from, TicketStatus to, Instant at) {
        publish(new TicketStatusChanged(ticketIds.getOrDefault(ticketId, ticketId), 1, conversation, from, to, at));
    }

    /** Runs {@code action} with the application clock at {@code at}. */
    void atTime(Instant at, Runnable action) {
        at(at, () -> {
            action.run();
            return null;
        });
    }

    UUID customerOf(UUID conversation) {
        return customerOf.get(conversation);
    }

    void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private <T> T at(Instant at, Supplier<T> action) {
        clock.set(at);
        try {
            return action.get();
        }
        finally {
            clock.reset();
        }
    }
}
