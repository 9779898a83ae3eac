package io.parley.assistant.llm;

import java.util.List;
import java.util.Locale;

import io.parley.assistant.answer.AnswerRequest;

/** Small text helpers shared by the prompts. */
final class PromptText {

    private PromptText() {
    }

    /**
     * The English name of the language of {@code locale} ({@code tr} → {@code Turkish}, {@code pt-BR} →
     * {@code Portuguese (Brazil)}): models follow a named language more reliably than a code.
     */
    static String languageName(String locale) {
        if (locale == null || locale.isBlank()) {
            return "English";
        }
        String tag = locale.strip().replace('_', '-');
        String name = Locale.forLanguageTag(tag).getDisplayName(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(tag) ? tag : name;
    }

    /** At most {@code max} characters, cut at a word boundary when there is one nearby. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        if (stripped.length() <= max) {
            return stripped;
        }
        int cut = stripped.lastIndexOf(' ', max - 1);
        return stripped.substring(0, cut > max * 3 / 4 ? cut : max - 1).stripTrailing() + "…";
    }

    /** One line, so untrusted text cannot pose as a new section of the prompt. */
    static String oneLine(String text, int max) {
        return truncate(text == null ? "" : text.replaceAll("\\s+", " "), max);
    }

    /** {@code Customer: ...} lines, the last {@code maxTurns} turns, each at most {@code maxChars} characters. */
    static String transcript(List<AnswerRequest.Turn> turns, String botName, int maxTurns, int maxChars) {
        StringBuilder text = new StringBuilder();
        for (AnswerRequest.Turn turn : turns.subList(Math.max(0, turns.size() - maxTurns), turns.size())) {
            if (turn == null || turn.text() == null || turn.text().isBlank()) {
                continue;
            }
            text.append(speaker(turn.role(), botName)).append(": ").append(oneLine(turn.text(), maxChars))
                    .append('\n');
        }
        return text.toString();
    }

    private static String speaker(String role, String botName) {
        String name = role == null ? "customer" : role.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "customer" -> "Customer";
            case "bot" -> botName + " (bot)";
            case "agent" -> "Agent";
            default -> name.isEmpty() ? "Customer" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }
}
