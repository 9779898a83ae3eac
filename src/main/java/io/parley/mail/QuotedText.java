package io.parley.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new part of an email reply: what the customer wrote above the quoted history. Mail clients quote in many
 * ways; this cuts at the first sign of one: our own "reply above this line" marker, an attribution line ("On ...
 * wrote:", in the languages we speak), an Outlook separator ("-----Original Message-----", a line of underscores
 * followed by "From:"), or the signature separator ("-- "), and drops {@code >}-quoted lines.
 */
final class QuotedText {

    // our marker: "## ... ##" (mail.reply-above in every language)
    private static final Pattern MARKER = Pattern.compile("^\\s*##.*##\\s*$");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i).*\\b(wrote|schrieb|escribió|a écrit|yazdı|نوشت)\\s*:\\s*$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)^\\s*(on|am|el|le|il)\\s.*");
    // "Am 01.12.2026 um 10:00 schrieb Dana <dana@example.com>:": the verb before the name
    private static final Pattern ATTRIBUTION_NAME_LAST = Pattern.compile(
            "(?i)^\\s*(on|am|el|le|il)\\s.*\\b(wrote|schrieb|escribió|a écrit|yazdı|نوشت)\\b.*:\\s*$");
    private static final Pattern OUTLOOK = Pattern.compile("(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|mensaje original|message d'origine)\\s*-{2,}\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern FROM_HEADER = Pattern.compile("(?i)^\\s*(from|von|de|kimden)\\s*:.*");

    private QuotedText() {
    }

    static String strip(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (MARKER.matcher(line).matches() || OUTLOOK.matcher(line).matches() || line.equals("-- ")
                    || (RULE.matcher(line).matches() && i + 1 < lines.length && FROM_HEADER.matcher(lines[i + 1]).matches())) {
                break;
            }
            if (ATTRIBUTION.matcher(line).matches() || ATTRIBUTION_NAME_LAST.matcher(line).matches()) {
                // an attribution wrapped over two lines ("On Mon, 1 Dec 2026 at 10:00, Dana <\n dana@...> wrote:")
                if (!kept.isEmpty() && !ATTRIBUTION_START.matcher(line).matches()
                        && ATTRIBUTION_START.matcher(kept.get(kept.size() - 1)).matches()) {
                    kept.remove(kept.size() - 1);
                }
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }
}
