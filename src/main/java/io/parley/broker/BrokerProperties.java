package io.parley.broker;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

import org.springframework.util.unit.DataSize;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the broker module ({@code parley.broker.*}).
 *
 * @param relay the external STOMP broker; disabled (the default), the in-process broker serves one node
 * @param heartbeat how often the in-process broker and the clients exchange heart-beats (default 25 s: a widget's
 *     idle connection costs one small frame each way per period, and a dead one is noticed within three)
 * @param nodeId this node's name in the job table and the logs (default: host name, process id and a random part)
 * @param connections the buffers each open connection holds
 */
@ConfigurationProperties("parley.broker")
public record BrokerProperties(Relay relay, Duration heartbeat, String nodeId, Connections connections) {

    public BrokerProperties {
        if (connections == null) {
            connections = new Connections(null, null);
        }
        if (relay == null) {
            relay = new Relay(false, null, 0, null, null, null, null, null);
        }
        if (heartbeat == null || heartbeat.isNegative()) {
            heartbeat = Duration.ofSeconds(25);
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /**
     * The buffers every open connection holds, idle or not ({@code parley.broker.connections.*}).
     *
     * @param socketBuffer Tomcat's read and write buffer per socket (default 4 KB; Tomcat's own is 8 KB)
     * @param websocketBuffer Tomcat's input, output and encoder buffer per WebSocket session (default 4 KB; Tomcat's
     *     own is 8 KB); a message longer than this is read and written in parts
     */
    public record Connections(DataSize socketBuffer, DataSize websocketBuffer) {

        public Connections {
            socketBuffer = socketBuffer == null || socketBuffer.toBytes() < 1024 ? DataSize.ofKilobytes(4) : socketBuffer;
            websocketBuffer = websocketBuffer == null || websocketBuffer.toBytes() < 1024 ? DataSize.ofKilobytes(4) : websocketBuffer;
        }
    }

    /**
     * The STOMP broker relay ({@code parley.broker.relay.*}): every node forwards subscriptions and broadcasts to
     * this broker, so a message published on one node reaches subscribers on all of them.
     *
     * @param enabled relay instead of the in-process broker
     * @param host broker host (default localhost)
     * @param port broker STOMP port (default 61613)
     * @param login login of the connections opened for clients (default guest)
     * @param passcode their passcode (default guest)
     * @param systemLogin login of the node's own shared connection (default: {@code login})
     * @param systemPasscode its passcode (default: {@code passcode})
     * @param virtualHost the broker's virtual host, sent as the CONNECT frame's {@code host} header (default
     *     {@code /}, RabbitMQ's default virtual host)
     */
    public record Relay(boolean enabled, String host, int port, String login, String passcode, String systemLogin,
            String systemPasscode, String virtualHost) {

        public Relay {
            host = host == null || host.isBlank() ? "localhost" : host;
            port = port <= 0 ? 61613 : port;
            login = login == null || login.isBlank() ? "guest" : login;
            passcode = passcode == null ? "guest" : passcode;
            systemLogin = systemLogin == null || systemLogin.isBlank() ? login : systemLogin;
            systemPasscode = systemPasscode == null ? passcode : systemPasscode;
            // sent as STOMP's host header, which RabbitMQ reads as the virtual host (the relay host name would be refused)
            virtualHost = virtualHost == null || virtualHost.isBlank() ? "/" : virtualHost;
        }
    }
}
