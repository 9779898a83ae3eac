package io.parley.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * What this server can do by email, which the widget asks before it promises anything: Spring Boot creates a
 * {@link JavaMailSender} only when an SMTP server is configured ({@code spring.mail.host}); without one nothing is
 * sent and the widget says nothing about email.
 */
@Component
public class MailCapabilities {

    private final ObjectProvider<JavaMailSender> senders;
    private final MailProperties properties;

    MailCapabilities(ObjectProvider<JavaMailSender> senders, MailProperties properties) {
        this.senders = senders;
        this.properties = properties;
    }

    /** An SMTP server is configured: contact requests, offline replies and transcripts go out. */
    public boolean sends() {
        return senders.getIfAvailable() != null;
    }

    /** Replies to our mails come back into the conversation (a reply domain and the inbound secret are set). */
    public boolean takesReplies() {
        return sends() && properties.replyDomain() != null && properties.inboundSecret() != null;
    }

    JavaMailSender sender() {
        return senders.getIfAvailable();
    }
}
