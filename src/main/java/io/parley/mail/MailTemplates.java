package io.parley.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.parley.core.Language;
import io.parley.core.ServerTexts;

import org.springframework.web.util.HtmlUtils;

/**
 * The mails' words come from the server's text bundles ({@code mail.*} in {@code i18n/messages_<language>.properties},
 * every language has every key), in the conversation's language; each mail is plain text plus a simple HTML part in
 * which everything a customer or agent wrote is escaped.
 */
final class MailTemplates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private MailTemplates() {
    }

    /** One message quoted in a mail. */
    record Line(String author, Instant at, String text) {
    }

    /** A mail ready to send. */
    record Rendered(String subject, String text, String html) {
    }

    /**
     * @param kind the mail's kind: its subject and introduction are {@code mail.<kind>.subject} and {@code .intro}
     * @param subjectArg the subject's value ({@code {0}}), e.g. the number of replies
     * @param introArg the introduction's value, e.g. the customer's email address
     * @param link the signed link back into the conversation (null: none)
     * @param replyable whether replying to the mail reaches the conversation (a line says so)
     */
    static Rendered render(String locale, String kind, String name, Object subjectArg, Object introArg, List<Line> lines,
            String link, boolean replyable) {
        Language language = Language.of(locale);
        String subject = ServerTexts.text(language, "mail." + kind + ".subject", subjectArg);
        String greeting = name == null || name.isBlank() ? ServerTexts.text(language, "mail.greeting-anonymous")
                : ServerTexts.text(language, "mail.greeting", name);
        String intro = ServerTexts.text(language, "mail." + kind + ".intro", introArg);
        String footer = ServerTexts.text(language, "mail.footer");

        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language.code())
                .append("\"><head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>")
                .append("<body style=\"font-family: sans-serif; line-height: 1.4; color: #222\">\n");
        if (replyable) {
            String above = ServerTexts.text(language, "mail.reply-above");
            text.append(above).append("\n\n");
            html.append("<p style=\"color: #888; font-size: small\">").append(escape(above)).append("</p>\n");
        }
        text.append(greeting).append("\n\n").append(intro).append("\n\n");
        html.append("<p>").append(escape(greeting)).append("</p>\n<p>").append(escape(intro)).append("</p>\n");
        for (Line line : lines) {
            String when = line.at() == null ? "" : " (" + TIME.format(line.at()) + ")";
            text.append(line.author()).append(when).append(":\n").append(line.text()).append("\n\n");
            html.append("<div style=\"margin: 0 0 12px; padding: 8px 12px; border-left: 3px solid #ccc\"><strong>")
                    .append(escape(line.author())).append("</strong><span style=\"color: #888\">").append(escape(when))
                    .append("</span><br>").append(escape(line.text()).replace("\n", "<br>")).append("</div>\n");
        }
        if (link != null) {
            String open = ServerTexts.text(language, "mail.open");
            text.append(open).append(": ").append(link).append("\n\n");
            html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(open)).append("</a></p>\n");
        }
        if (replyable) {
            String hint = ServerTexts.text(language, "mail.reply-hint");
            text.append(hint).append("\n\n");
            html.append("<p>").append(escape(hint)).append("</p>\n");
        }
        text.append("-- \n").append(footer).append("\n");
        html.append("<p style=\"color: #888; font-size: small\">").append(escape(footer)).append("</p>\n</body></html>\n");
        return new Rendered(subject, text.toString(), html.toString());
    }

    /** What the mail calls an author: the customer is "you", the bot and agents by name, the system by the team. */
    static String author(String locale, String type, String name) {
        Language language = Language.of(locale);
        return switch (type) {
            case "customer" -> ServerTexts.text(language, "mail.author-you");
            case "agent", "bot" -> name == null || name.isBlank() ? ServerTexts.text(language, "mail.author-team") : name;
            default -> ServerTexts.text(language, "mail.author-team");
        };
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
    }
}
