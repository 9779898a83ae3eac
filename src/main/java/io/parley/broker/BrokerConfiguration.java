package io.parley.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The message broker behind {@code /topic} and {@code /queue}: Spring's in-process broker for one node, or, with
 * {@code parley.broker.relay.enabled}, a relay to RabbitMQ (or Artemis) over STOMP so that any number of nodes
 * share subscriptions. User destinations ({@code /user/queue/inbox}) then work across nodes too: each node
 * broadcasts its users on the registry topic, and a message for a user connected elsewhere is passed on through
 * the unresolved-user topic.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration implements WebSocketMessageBrokerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(BrokerConfiguration.class);
    static final String USER_REGISTRY_TOPIC = "/topic/parley.user-registry";
    static final String UNRESOLVED_USER_TOPIC = "/topic/parley.unresolved-user";

    private final BrokerProperties properties;

    BrokerConfiguration(BrokerProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // messages of one conversation must reach subscribers in seq order
        registry.setPreservePublishOrder(true);
        long heartbeat = properties.heartbeat().toMillis();
        BrokerProperties.Relay relay = properties.relay();
        if (relay.enabled()) {
            log.info("STOMP broker relay to {}:{} (node {})", relay.host(), relay.port(), properties.nodeId());
            var registration = registry.enableStompBrokerRelay("/topic", "/queue")
                    .setRelayHost(relay.host())
                    .setRelayPort(relay.port())
                    .setClientLogin(relay.login())
                    .setClientPasscode(relay.passcode())
                    .setSystemLogin(relay.systemLogin())
                    .setSystemPasscode(relay.systemPasscode())
                    .setUserDestinationBroadcast(UNRESOLVED_USER_TOPIC)
                    .setUserRegistryBroadcast(USER_REGISTRY_TOPIC);
            registration.setVirtualHost(relay.virtualHost());
            registry.configureBrokerChannel().interceptors(new RelayDestinations(false));
            return;
        }
        // one small scheduler for every session's heart-beats: no thread per connection
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("stomp-heartbeat-");
        heartbeats.initialize();
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(new long[] { heartbeat, heartbeat })
                .setTaskScheduler(heartbeats);
    }

    /** The in-process broker finds a destination's subscribers by lookup, not by a scan of every session. */
    @Bean
    static BeanPostProcessor indexedSubscriptions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SimpleBrokerMessageHandler broker) {
                    broker.setSubscriptionRegistry(new IndexedSubscriptionRegistry());
                }
                return bean;
            }
        };
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        if (properties.relay().enabled()) {
            registration.interceptors(new RelayDestinations(false));
        }
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        if (properties.relay().enabled()) {
            registration.interceptors(new RelayDestinations(true));
        }
    }
}
