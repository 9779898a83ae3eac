package io.parley.mail;

import io.parley.core.ParleyException;

/** Errors of the mail module, each with a stable code (problem+json {@code code}). */
public class MailError extends ParleyException {

    public MailError(int status, String code, String message) {
        super(status, code, message);
    }

    static MailError notConfigured() {
        return new MailError(409, "mail_not_configured", "This server sends no email (no SMTP server is configured)");
    }
}
