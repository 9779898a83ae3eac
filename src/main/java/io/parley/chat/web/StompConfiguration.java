package io.parley.chat.web;

import io.parley.chat.ChatProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * STOMP over WebSocket at {@code /ws}. The broker behind it (in-process or a relay, and its heart-beats) is the
 * broker module's; heartbeats let both sides notice a dead connection; the widget then reconnects and fetches what
 * it missed by seq.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

    /** Frames larger than this are refused by the transport before any parsing; the text limit is far lower. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final ChatProperties properties;
    private final StompAuthorization authorization;
    private final ObjectProvider<HandshakeInterceptor> handshakeInterceptors;

    private final StompSessions sessions;

    StompConfiguration(ChatProperties properties, StompAuthorization authorization, StompSessions sessions,
            ObjectProvider<HandshakeInterceptor> handshakeInterceptors) {
        this.properties = properties;
        this.authorization = authorization;
        this.sessions = sessions;
        this.handshakeInterceptors = handshakeInterceptors;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new))
                // e.g. the limits module records the client's address for per-address rate limits
                .addInterceptors(handshakeInterceptors.orderedStream().toArray(HandshakeInterceptor[]::new));
        // a client's frames are handled in the order they were sent (typing, then message, then read)
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new StompErrors());
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authorization);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(sessions);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registry) {
        registry.setMessageSizeLimit(MAX_FRAME_BYTES);
        registry.addDecoratorFactory(handler -> new WholeTextMessages(handler, MAX_FRAME_BYTES));
    }

    /**
     * Tomcat allocates a text and a binary buffer of this size for every connection, and without partial messages
     * closes the socket (1009) on a longer message, before STOMP's {@value #MAX_FRAME_BYTES}-byte limit could answer
     * with a clear error (an 8,000-character note once closed the agent's console). {@link WholeTextMessages} takes
     * messages in parts and joins them, so the buffers stay one part long: an idle connection costs kilobytes.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(WholeTextMessages.PART_SIZE);
        container.setMaxBinaryMessageBufferSize(WholeTextMessages.PART_SIZE);
        return container;
    }
}
