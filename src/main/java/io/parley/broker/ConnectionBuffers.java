package io.parley.broker;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The buffers every open connection holds, idle or not, sized for many idle widgets
 * ({@code parley.broker.connections.*}). Tomcat gives each socket a read and a write buffer
 * ({@code socket.appReadBufSize} / {@code appWriteBufSize}, 8 KiB each by default), and each WebSocket session an
 * input, an output and an encoder buffer of {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} (8 KiB each).
 * An idle widget's frames are a few hundred bytes; a longer one is read and written in several passes of the
 * buffer (longer messages go out as WebSocket continuation frames, which every client joins).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

    static final String WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> idleConnectionBuffers(BrokerProperties properties) {
        BrokerProperties.Connections connections = properties.connections();
        return factory -> {
            String socket = Long.toString(connections.socketBuffer().toBytes());
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", socket);
                connector.setProperty("socket.appWriteBufSize", socket);
            });
            // read once, when Tomcat's WebSocket classes load (after this, before the server starts); a value set on
            // the command line wins
            if (System.getProperty(WEBSOCKET_BUFFER) == null) {
                System.setProperty(WEBSOCKET_BUFFER, Long.toString(connections.websocketBuffer().toBytes()));
            }
        };
    }
}
