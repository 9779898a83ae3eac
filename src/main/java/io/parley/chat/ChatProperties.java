package io.parley.chat;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the chat module ({@code parley.chat.*}).
 *
 * @param maxMessageLength longest message text accepted, in characters (default 4,000)
 * @param historyPageSize most messages returned by one history call (default 200)
 * @param allowedOrigins origins allowed to open the WebSocket and call the widget API (the widget runs on the
 *     host application's pages); {@code *} allows any
 */
@ConfigurationProperties("parley.chat")
public record ChatProperties(int maxMessageLength, int historyPageSize, List<String> allowedOrigins) {

    public ChatProperties {
        if (maxMessageLength <= 0) {
            maxMessageLength = 4000;
        }
        if (historyPageSize <= 0) {
            historyPageSize = 200;
        }
        if (allowedOrigins == null || allowedOrigins.isEmpty()) {
            allowedOrigins = List.of("*");
        }
    }
}
