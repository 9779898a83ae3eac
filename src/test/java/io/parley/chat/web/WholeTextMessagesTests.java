package io.parley.chat.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class WholeTextMessagesTests {

    private final List<WebSocketMessage<?>> delivered = new ArrayList<>();
    private final WholeTextMessages handler = new WholeTextMessages(new AbstractWebSocketHandler() {
        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
            delivered.add(message);
        }
    }, 10);
    private final WebSocketSession session = session();

    @Test
    void aMessageInOnePartPassesAsItIs() throws Exception {
        TextMessage whole = new TextMessage("SEND\n\nhi\0");
        handler.handleMessage(session, whole);
        assertThat(delivered).containsExactly(whole);
    }

    @Test
    void partsAreJoinedIntoOneWholeMessage() throws Exception {
        handler.handleMessage(session, new TextMessage("SE", false));
        handler.handleMessage(session, new TextMessage("ND\uD83D", false));
        assertThat(delivered).as("nothing before the last part").isEmpty();
        handler.handleMessage(session, new TextMessage("\uDE00\0", true));

        assertThat(delivered).hasSize(1);
        TextMessage joined = (TextMessage) delivered.get(0);
        assertThat(joined.getPayload()).as("a character split between parts is whole again").isEqualTo("SEND\uD83D\uDE00\0");
        assertThat(joined.isLast()).isTrue();
        assertThat(session.getAttributes()).as("nothing kept once the message is complete").isEmpty();
    }

    @Test
    void aMessagePastTheLimitIsNotKeptBeyondIt() throws Exception {
        handler.handleMessage(session, new TextMessage("0123456789", false));
        handler.handleMessage(session, new TextMessage("abcdef", false));
        handler.handleMessage(session, new TextMessage("ghijkl".repeat(1000), false));
        handler.handleMessage(session, new TextMessage("end", true));

        String payload = ((TextMessage) delivered.get(0)).getPayload();
        assertThat(payload).as("over the limit, so STOMP refuses it").hasSizeGreaterThan(10).hasSizeLessThan(20);
        handler.handleMessage(session, new TextMessage("next"));
        assertThat(((TextMessage) delivered.get(1)).getPayload()).isEqualTo("next");
    }

    @Test
    void binaryMessagesPassThrough() throws Exception {
        BinaryMessage binary = new BinaryMessage(new byte[] { 1, 2 }, false);
        handler.handleMessage(session, binary);
        assertThat(delivered).containsExactly(binary);
    }

    @Test
    void theSessionsBuffersAreSetToOnePartAfterStompRaisedThem() throws Exception {
        handler.afterConnectionEstablished(session);
        verify(session).setTextMessageSizeLimit(WholeTextMessages.PART_SIZE);
        verify(session).setBinaryMessageSizeLimit(WholeTextMessages.PART_SIZE);
        assertThat(handler.supportsPartialMessages()).isTrue();
    }

    private static WebSocketSession session() {
        WebSocketSession session = mock(WebSocketSession.class);
        Map<String, Object> attributes = new HashMap<>();
        when(session.getAttributes()).thenReturn(attributes);
        return session;
    }
}
