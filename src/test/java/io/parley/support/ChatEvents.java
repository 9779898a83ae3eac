package io.parley.support;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading the events of a conversation topic ({@code {type, message: {author, text, payload}}}) in tests. */
public final class ChatEvents {

    private ChatEvents() {
    }

    public static Predicate<Map<String, Object>> isBotMessage() {
        return e -> "message".equals(e.get("type")) && "bot".equals(((Map<?, ?>) message(e).get("author")).get("type"));
    }

    /** A message (of any author) whose text is exactly {@code text}. */
    public static Predicate<Map<String, Object>> isMessageWithText(String text) {
        return e -> "message".equals(e.get("type")) && text.equals(message(e).get("text"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> message(Map<String, Object> event) {
        return (Map<String, Object>) event.get("message");
    }

    public static String text(Map<String, Object> event) {
        return (String) message(event).get("text");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) message(event).get("payload");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> sources(Map<String, Object> event) {
        return (List<Map<String, Object>>) payload(event).getOrDefault("sources", List.of());
    }

    @SuppressWarnings("unchecked")
    public static List<String> quickReplies(Map<String, Object> event) {
        return ((List<Map<String, Object>>) payload(event).getOrDefault("quickReplies", List.of())).stream()
                .map(q -> (String) q.get("label")).toList();
    }
}
