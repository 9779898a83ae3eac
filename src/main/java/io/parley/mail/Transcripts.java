package io.parley.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.core.ParleyPrincipal;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import io.parley.handoff.Handoff;
import io.parley.handoff.Handoffs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer asks for their conversation by email. It goes only to an address we already know for them (the one the
 * host application gave for an identified customer, else the one they left in this conversation), never to one typed
 * into the request, and at most {@code transcripts-per-hour} per customer and per address, so the button cannot be
 * used to mail strangers.
 */
@Service
public class Transcripts {

    private final MailCapabilities capabilities;
    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Conversations conversations;
    private final Customers customers;
    private final Handoffs handoffs;
    private final Clock clock;

    Transcripts(MailCapabilities capabilities, MailOutbox outbox, MailProperties properties, Conversations conversations,
            Customers customers, Handoffs handoffs, Clock clock) {
        this.capabilities = capabilities;
        this.outbox = outbox;
        this.properties = properties;
        this.conversations = conversations;
        this.customers = customers;
        this.handoffs = handoffs;
        this.clock = clock;
    }

    /** @return the address the transcript goes to */
    @Transactional
    public String request(ParleyPrincipal customer, UUID conversationId) {
        if (!capabilities.sends()) {
            throw MailError.notConfigured();
        }
        if (!customer.isCustomer()) {
            throw new MailError(403, "customers_only", "Only the conversation's customer can ask for its transcript");
        }
        Conversation conversation = conversations.requireAccess(customer, conversationId);
        String address = knownAddress(conversation)
                .orElseThrow(() -> new MailError(409, "no_known_email",
                        "We have no email address for you: leave one in the conversation, or let the host application pass it"));
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        // one row lock per customer orders concurrent requests, so the limit holds under a double click
        conversations.lock(conversation.id());
        if (outbox.countSince(conversation.customerId(), OutboxMail.Kind.TRANSCRIPT, hourAgo) >= properties.transcriptsPerHour()
                || outbox.countToSince(address, OutboxMail.Kind.TRANSCRIPT, hourAgo) >= properties.transcriptsPerHour()) {
            throw new MailError(429, "too_many_transcripts",
                    "At most " + properties.transcriptsPerHour() + " transcripts an hour; try again later");
        }
        outbox.enqueue(OutboxMail.of("transcript:" + conversation.id() + ":" + UUID.randomUUID(), OutboxMail.Kind.TRANSCRIPT,
                conversation.id(), conversation.customerId(), address, now, now));
        return address;
    }

    /** Whether a transcript could be mailed to this customer now (the widget shows its button then). */
    public boolean available(ParleyPrincipal customer) {
        if (!capabilities.sends() || !customer.isCustomer()) {
            return false;
        }
        return customers.findById(UUID.fromString(customer.id())).map(Customer::email).filter(e -> !e.isBlank()).isPresent();
    }

    private Optional<String> knownAddress(Conversation conversation) {
        Optional<String> own = customers.findById(conversation.customerId()).map(Customer::email).filter(e -> !e.isBlank());
        if (own.isPresent()) {
            return own;
        }
        return handoffs.find(conversation.id()).map(Handoff::contactEmail).filter(e -> !e.isBlank());
    }
}
