package io.parley.mail;

/**
 * A mail as inbound services hand it over (the common shape of Mailgun's and Postmark's inbound parse).
 *
 * @param to the recipients; one of them is {@code reply+<token>@<reply-domain>}
 * @param text the plain-text body, quoted history included (it is stripped here)
 * @param messageId the mail's Message-ID: the same mail delivered twice is taken once
 */
public record InboundMail(String from, String to, String subject, String text, String messageId) {
}
