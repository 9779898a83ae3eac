package io.parley.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.parley.chat.AuthorType;
import io.parley.chat.MessagePosted;
import io.parley.core.DurableListener;
import io.parley.customer.Customer;
import io.parley.customer.CustomerErased;
import io.parley.customer.Customers;
import io.parley.handoff.ContactGiven;
import io.parley.handoff.Handoff;
import io.parley.handoff.Handoffs;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns what happened into mails in the outbox. The listeners are durable (event publication registry): the event is
 * stored with the publishing transaction and resubmitted after a crash; enqueueing is idempotent per dedup key, so a
 * resubmitted event adds no second mail. Sending is {@link MailDelivery}'s job.
 */
@Component
class MailTriggers {

    private final MailCapabilities capabilities;
    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Handoffs handoffs;
    private final Customers customers;
    private final CustomerPresence presence;
    private final Clock clock;

    MailTriggers(MailCapabilities capabilities, MailOutbox outbox, MailProperties properties, Handoffs handoffs,
            Customers customers, CustomerPresence presence, Clock clock) {
        this.capabilities = capabilities;
        this.outbox = outbox;
        this.properties = properties;
        this.handoffs = handoffs;
        this.customers = customers;
        this.presence = presence;
        this.clock = clock;
    }

    /** The out-of-hours contact form: the team's inbox hears of it, the customer gets an acknowledgement. */
    @DurableListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(ContactGiven contact) {
        if (!capabilities.sends()) {
            return;
        }
        Instant now = clock.instant();
        String key = contact.conversationId() + ":" + contact.at().toEpochMilli();
        outbox.enqueue(OutboxMail.of("contact-ack:" + key, OutboxMail.Kind.CONTACT_ACK, contact.conversationId(),
                contact.customerId(), contact.email(), now, now));
        if (properties.teamInbox() != null) {
            // the customer's address is the team mail's subject; it travels in the body column
            outbox.enqueue(OutboxMail.of("contact-team:" + key, OutboxMail.Kind.CONTACT_TEAM, contact.conversationId(),
                    contact.customerId(), properties.teamInbox(), now, now).withReply(0, null, contact.email()));
        }
    }

    /**
     * An agent's reply waits {@code reply-delay}; if the customer has not read it by then and has no widget open, it
     * goes out by email (with the other replies of that wait). Customers we have no address for are not mailed.
     */
    @DurableListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(MessagePosted posted) {
        if (posted.message().author().type() != AuthorType.AGENT || !capabilities.sends()) {
            return;
        }
        Optional<String> address = addressOf(posted);
        if (address.isEmpty()) {
            return;
        }
        Instant due = posted.message().createdAt().plus(properties.replyDelay());
        outbox.enqueue(OutboxMail.of("reply:" + posted.message().id(), OutboxMail.Kind.OFFLINE_REPLY, posted.conversationId(),
                posted.customerId(), address.get(), due, clock.instant())
                .withReply(posted.message().seq(), posted.message().author().name(), posted.message().text()));
    }

    /** Addresses and texts in the outbox are the customer's personal data: they go with an erasure. */
    @EventListener
    @Order(CustomerErased.BEFORE_CONVERSATIONS)
    void on(CustomerErased erased) {
        outbox.deleteCustomer(erased.customerId());
        presence.forget(erased.customerId());
    }

    /** The address they left in this conversation, else the one the host application gave for them. */
    private Optional<String> addressOf(MessagePosted posted) {
        Optional<String> contact = handoffs.find(posted.conversationId()).map(Handoff::contactEmail)
                .filter(email -> !email.isBlank());
        if (contact.isPresent()) {
            return contact;
        }
        return customers.findById(posted.customerId()).map(Customer::email).filter(email -> email != null && !email.isBlank());
    }
}
