package io.parley.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

import io.parley.chat.Author;
import io.parley.chat.ChatProperties;
import io.parley.chat.Conversation;
import io.parley.chat.Conversations;
import io.parley.chat.PostMessage;
import io.parley.chat.PostResult;
import io.parley.customer.Customer;
import io.parley.customer.Customers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' replies to our mails, back into their conversation as their own message: found by the reply token in
 * the recipient address (an unknown token is refused), stripped of the quoted history, and taken once per
 * Message-ID (the inbound service may deliver the same mail twice).
 */
@Service
public class InboundReplies {

    private final ReplyAddresses addresses;
    private final Conversations conversations;
    private final Customers customers;
    private final ChatProperties chat;
    private final JdbcClient jdbc;
    private final Clock clock;

    InboundReplies(ReplyAddresses addresses, Conversations conversations, Customers customers, ChatProperties chat,
            JdbcClient jdbc, Clock clock) {
        this.addresses = addresses;
        this.conversations = conversations;
        this.customers = customers;
        this.chat = chat;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What became of an inbound mail. */
    public record Received(UUID conversationId, UUID messageId, long seq, boolean duplicate) {
    }

    @Transactional
    public Received receive(InboundMail mail) {
        MailLinks.Target target = addresses.find(mail.to())
                .orElseThrow(() -> new MailError(404, "unknown_reply_token",
                        "No conversation has the reply address in 'to' (reply+<token>@<reply-domain>)"));
        Conversation conversation = conversations.get(target.conversationId());
        String text = QuotedText.strip(mail.text());
        if (text.isEmpty()) {
            throw new MailError(422, "empty_reply", "The mail has no text above the quoted history");
        }
        if (text.length() > chat.maxMessageLength()) {
            text = text.substring(0, chat.maxMessageLength() - 1) + "…";
        }
        String key = messageKey(mail);
        // the row is the once-only guard: a second delivery waits for the first's commit here, then finds the row
        int inserted = jdbc.sql("insert into mail_inbound (message_key, conversation_id, received_at) values (?, ?, ?) "
                + "on conflict (message_key) do nothing")
                .params(key, conversation.id(), Timestamp.from(clock.instant())).update();
        Customer customer = customers.findById(conversation.customerId()).orElse(null);
        PostResult result = conversations.post(new PostMessage(conversation.id(),
                Author.customer(conversation.customerId().toString(), customer == null ? null : customer.name()), text, null,
                "mail:" + sha256(key).substring(0, 40)));
        if (inserted == 1) {
            jdbc.sql("update mail_inbound set chat_message_id = ? where message_key = ?").params(result.message().id(), key).update();
        }
        return new Received(conversation.id(), result.message().id(), result.message().seq(), inserted == 0 || result.duplicate());
    }

    /** The Message-ID without its angle brackets; a mail without one is known by its sender, recipients and text. */
    private static String messageKey(InboundMail mail) {
        String id = mail.messageId() == null ? "" : mail.messageId().strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        if (!id.isEmpty() && id.length() <= 500) {
            return "id:" + id;
        }
        return "hash:" + sha256(mail.from() + "\n" + mail.to() + "\n" + mail.subject() + "\n" + mail.text());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
