package io.parley.mail;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reply address of a conversation, {@code reply+<token>@<parley.mail.reply-domain>}: a random token per
 * conversation (lower-case hex, which survives mail systems that fold the case of the local part), kept in
 * {@code mail_reply_token}. Only a token this server handed out finds a conversation.
 */
@Component
class ReplyAddresses {

    private static final Pattern TOKEN = Pattern.compile("reply\\+([0-9a-f]{32})@", Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final MailProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ReplyAddresses(JdbcClient jdbc, MailProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    boolean enabled() {
        return properties.replyDomain() != null;
    }

    /** The conversation's reply address (created on first use), empty when no reply domain is configured. */
    Optional<String> addressOf(UUID conversationId, UUID customerId) {
        if (!enabled()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        jdbc.sql("insert into mail_reply_token (token, conversation_id, customer_id, created_at) values (?, ?, ?, ?) "
                + "on conflict (conversation_id) do nothing")
                .params(HexFormat.of().formatHex(bytes), conversationId, customerId, Timestamp.from(clock.instant())).update();
        String token = jdbc.sql("select token from mail_reply_token where conversation_id = ?").param(conversationId)
                .query(String.class).single();
        return Optional.of("reply+" + token + "@" + properties.replyDomain());
    }

    /** The conversation (and customer) of the first reply token among the recipients, if this server issued it. */
    Optional<MailLinks.Target> find(String recipients) {
        if (recipients == null) {
            return Optional.empty();
        }
        Matcher matcher = TOKEN.matcher(recipients);
        while (matcher.find()) {
            Optional<MailLinks.Target> target = jdbc.sql("select conversation_id, customer_id from mail_reply_token where token = ?")
                    .param(matcher.group(1).toLowerCase(Locale.ROOT))
                    .query((rs, row) -> new MailLinks.Target(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                    .optional();
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }
}
