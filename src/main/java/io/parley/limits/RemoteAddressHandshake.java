package io.parley.limits;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Records the client's address in the WebSocket session's attributes at the handshake, so STOMP frames can be
 * limited per address too (behind a proxy, with {@code server.forward-headers-strategy} set, the forwarded one).
 */
@Component
class RemoteAddressHandshake implements HandshakeInterceptor {

    static final String ATTRIBUTE = RemoteAddressHandshake.class.getName() + ".address";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Map<String, Object> attributes) {
        String address = request instanceof ServletServerHttpRequest servlet ? servlet.getServletRequest().getRemoteAddr()
                : addressOf(request.getRemoteAddress());
        if (address != null) {
            attributes.put(ATTRIBUTE, address);
        }
        return true;
    }

    private static String addressOf(InetSocketAddress socket) {
        return socket == null || socket.getAddress() == null ? null : socket.getAddress().getHostAddress();
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
            Exception exception) {
    }
}
