package io.parley.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.parley.chat.ChatMessage;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.customer.Customer;
import io.parley.customer.Customers;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Sends what is due in the outbox, one mail per transaction: the row is locked ({@code for update skip locked}, so
 * no two nodes send it), rendered from the conversation as it is now, sent, and marked sent in the same
 * transaction. An SMTP failure keeps the row pending with a doubling delay ({@code retry-delay}) until
 * {@code max-attempts}. Offline replies are batched: when the first of a conversation is due, every pending reply of
 * that conversation goes in the same mail, except those the customer has read meanwhile (skipped); while the customer
 * has a live widget connection ({@link CustomerPresence}) they wait, as the widget shows them. A crash between
 * the SMTP server's "OK" and the commit sends that one mail again; its Message-ID stays the same, so mail clients can
 * tell.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final int MAX_PER_PASS = 50;
    private static final int MAX_TRANSCRIPT = 2_000;
    private static final int CONTEXT_MESSAGES = 50;
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(6);

    private final MailCapabilities capabilities;
    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Conversations conversations;
    private final Customers customers;
    private final MailLinks links;
    private final ReplyAddresses replyAddresses;
    private final TransactionTemplate transactions;
    private final CustomerPresence presence;
    private final Clock clock;
    private Repeating sender;

    MailDelivery(MailCapabilities capabilities, MailOutbox outbox, MailProperties properties, Conversations conversations,
            Customers customers, MailLinks links, ReplyAddresses replyAddresses, TransactionTemplate transactions,
            CustomerPresence presence, Clock clock) {
        this.capabilities = capabilities;
        this.outbox = outbox;
        this.properties = properties;
        this.conversations = conversations;
        this.customers = customers;
        this.links = links;
        this.replyAddresses = replyAddresses;
        this.transactions = transactions;
        this.presence = presence;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!capabilities.sends()) {
            log.info("No SMTP server configured (spring.mail.host): Parley sends no email");
            return;
        }
        sender = Repeating.every(properties.sendInterval(), "mail-delivery", this::sendDueSafely);
    }

    @PreDestroy
    void stop() {
        if (sender != null) {
            sender.close();
        }
    }

    private void sendDueSafely() {
        try {
            sendDue();
        }
        catch (RuntimeException e) {
            // the database away: the rows stay pending and the next pass tries again
            log.warn("Mail delivery pass failed: {}", e.toString());
        }
    }

    /** @return how many mails went out in this pass */
    int sendDue() {
        int sent = 0;
        for (int i = 0; i < MAX_PER_PASS; i++) {
            Boolean more = transactions.execute(status -> sendOne());
            if (more == null) {
                break;
            }
            if (more) {
                sent++;
            }
        }
        return sent;
    }

    /** @return null when nothing was due, true when a mail went out, false when the row was skipped or failed */
    private Boolean sendOne() {
        Instant now = clock.instant();
        List<OutboxMail> due = outbox.lockDue(now, 1);
        if (due.isEmpty()) {
            return null;
        }
        OutboxMail mail = due.get(0);
        List<OutboxMail> rows = List.of(mail);
        Optional<Conversation> conversation = find(mail.conversationId());
        if (conversation.isEmpty()) {
            outbox.markSkipped(mail.id(), "conversation gone");
            return false;
        }
        if (mail.kind() == OutboxMail.Kind.OFFLINE_REPLY) {
            rows = unread(conversation.get(), mail);
            if (rows.isEmpty()) {
                return false;
            }
            if (presence.connected(conversation.get().customerId(), now)) {
                // the widget is open somewhere: the reply shows there; looked at again until they read it or leave
                outbox.postpone(rows.stream().map(OutboxMail::id).toList(),
                        now.plus(properties.presenceLease().dividedBy(4)), "customer connected");
                return false;
            }
        }
        MailTemplates.Rendered rendered = render(mail, rows, conversation.get());
        UUID sentAs = mail.id();
        List<UUID> ids = rows.stream().map(OutboxMail::id).toList();
        try {
            send(mail, conversation.get(), rendered, sentAs);
            outbox.markSent(ids, sentAs, now);
            return true;
        }
        catch (org.springframework.mail.MailException | MessagingException e) {
            Duration wait = properties.retryDelay().multipliedBy(1L << Math.min(20, mail.attempts()));
            outbox.markFailed(ids, e.toString(), wait.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : wait,
                    properties.maxAttempts(), now);
            log.warn("Mail {} ({}) to {} failed (attempt {}): {}", mail.id(), mail.kind(), mail.recipient(),
                    mail.attempts() + 1, e.toString());
            return false;
        }
    }

    /** The conversation's pending replies the customer has not read; the read ones are skipped. */
    private List<OutboxMail> unread(Conversation conversation, OutboxMail first) {
        List<OutboxMail> pending = new ArrayList<>(outbox.lockPendingReplies(conversation.id()));
        if (pending.stream().noneMatch(row -> row.id().equals(first.id()))) {
            pending.add(first);
        }
        List<OutboxMail> unread = new ArrayList<>();
        for (OutboxMail row : pending) {
            if (row.messageSeq() != null && row.messageSeq() <= conversation.customerReadSeq()) {
                outbox.markSkipped(row.id(), "read by the customer");
            }
            else {
                unread.add(row);
            }
        }
        return unread;
    }

    private MailTemplates.Rendered render(OutboxMail mail, List<OutboxMail> rows, Conversation conversation) {
        String locale = conversation.locale();
        Optional<Customer> customer = customers.findById(conversation.customerId());
        String name = customer.map(Customer::name).orElse(null);
        return switch (mail.kind()) {
            case CONTACT_TEAM -> MailTemplates.render(locale, "contact-team", null, mail.body(), mail.body(),
                    lines(locale, conversations.recentMessages(conversation.id(), CONTEXT_MESSAGES)), null, false);
            case CONTACT_ACK -> MailTemplates.render(locale, "contact-ack", name, null, mail.recipient(),
                    lines(locale, conversations.recentMessages(conversation.id(), CONTEXT_MESSAGES)),
                    links.url(conversation.id(), conversation.customerId()), replyAddresses.enabled());
            case OFFLINE_REPLY -> MailTemplates.render(locale, "reply", name, rows.size(), null,
                    rows.stream().map(row -> new MailTemplates.Line(MailTemplates.author(locale, "agent", row.authorName()),
                            row.createdAt(), row.body())).toList(),
                    links.url(conversation.id(), conversation.customerId()), replyAddresses.enabled());
            case TRANSCRIPT -> MailTemplates.render(locale, "transcript", name, null, null, lines(locale, transcript(conversation)),
                    links.url(conversation.id(), conversation.customerId()), replyAddresses.enabled());
        };
    }

    private List<ChatMessage> transcript(Conversation conversation) {
        List<ChatMessage> all = new ArrayList<>();
        long after = 0;
        while (all.size() < MAX_TRANSCRIPT) {
            List<ChatMessage> page = conversations.messagesAfter(conversation.id(), after, 0);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        return all;
    }

    private static List<MailTemplates.Line> lines(String locale, List<ChatMessage> messages) {
        return messages.stream().filter(m -> m.text() != null && !m.text().isBlank())
                .map(m -> new MailTemplates.Line(MailTemplates.author(locale, m.author().type().name().toLowerCase(java.util.Locale.ROOT),
                        m.author().name()), m.createdAt(), m.text()))
                .toList();
    }

    private void send(OutboxMail mail, Conversation conversation, MailTemplates.Rendered rendered, UUID sentAs)
            throws MessagingException {
        JavaMailSender sender = capabilities.sender();
        MimeMessage message = message(sender, "<mail-" + sentAs + "@parley>");
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        if (mail.kind() != OutboxMail.Kind.CONTACT_TEAM) {
            Optional<String> replyTo = replyAddresses.addressOf(conversation.id(), conversation.customerId());
            if (replyTo.isPresent()) {
                helper.setReplyTo(replyTo.get());
            }
        }
        helper.setSubject(rendered.subject());
        helper.setText(rendered.text(), rendered.html());
        // RFC 3834: an automatic mail; well-behaved auto-responders do not answer it (no reply loops)
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Parley-Conversation", conversation.id().toString());
        sender.send(message);
    }

    /** A message whose Message-ID is ours (stable across retries) instead of one JavaMail makes up on each save. */
    private static MimeMessage message(JavaMailSender sender, String messageId) {
        Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession() : sender.createMimeMessage().getSession();
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    private Optional<Conversation> find(UUID id) {
        try {
            return Optional.of(conversations.get(id));
        }
        catch (io.parley.chat.ChatException e) {
            return Optional.empty();
        }
    }
}
