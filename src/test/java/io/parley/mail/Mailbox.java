package io.parley.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in the test JVM (GreenMail on a free port) and what arrived at it, read as a mail client would:
 * recipients, headers, the plain-text and HTML parts.
 */
final class Mailbox {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static Mailbox shared;

    private final GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private Mailbox() {
        server.start();
    }

    /** The test JVM's one SMTP server (the Spring context that points at it is shared and cached), stopped at exit. */
    static synchronized Mailbox shared() {
        if (shared == null) {
            shared = new Mailbox();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::stop, "greenmail-stop"));
        }
        return shared;
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** One received mail. */
    record Mail(MimeMessage message, List<String> to, String subject, String text, String html) {

        String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            }
            catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        String replyTo() {
            try {
                Address[] replyTo = message.getReplyTo();
                return replyTo == null || replyTo.length == 0 ? null : replyTo[0].toString();
            }
            catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    List<Mail> to(String recipient) {
        return Arrays.stream(server.getReceivedMessages()).map(Mailbox::read)
                .filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(recipient))).toList();
    }

    /** The first mail to {@code recipient} that matches, waiting for it to arrive. */
    Mail await(String recipient, Predicate<Mail> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Mail mail : to(recipient)) {
                if (matching.test(mail)) {
                    return mail;
                }
            }
            server.waitForIncomingEmail(250, Integer.MAX_VALUE);
        }
        throw new AssertionError("no matching mail to " + recipient + " within " + WAIT + "; got " + to(recipient).stream()
                .map(Mail::subject).toList());
    }

    private static Mail read(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (Address address : message.getAllRecipients()) {
                to.add(((jakarta.mail.internet.InternetAddress) address).getAddress());
            }
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message, text, html);
            return new Mail(message, to, message.getSubject(), text.toString(), html.toString());
        }
        catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        }
        else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        }
        else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        }
    }
}
