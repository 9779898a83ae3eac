package io.parley.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayDestinationsTests {

    @Test
    void topicsWithSlashesBecomeRabbitRoutingKeysAndComeBackTheSame() {
        String topic = "/topic/conversations/5b0c6a1e-0000-4000-8000-000000000001";
        String broker = RelayDestinations.toBroker(topic);
        assertThat(broker).isEqualTo("/topic/conversations.5b0c6a1e-0000-4000-8000-000000000001");
        assertThat(RelayDestinations.toPublic(broker)).isEqualTo(topic);
        assertThat(RelayDestinations.toPublic(RelayDestinations.toBroker("/topic/staff/conversations/x"))).isEqualTo("/topic/staff/conversations/x");
    }

    @Test
    void queuesSingleWordTopicsAndTheRegistryTopicsAreLeftAlone() {
        assertThat(RelayDestinations.toBroker("/queue/inbox-user1a2b")).isNull();
        assertThat(RelayDestinations.toBroker("/topic/announcements")).isNull();
        assertThat(RelayDestinations.toPublic(BrokerConfiguration.USER_REGISTRY_TOPIC)).isNull();
        assertThat(RelayDestinations.toPublic(BrokerConfiguration.UNRESOLVED_USER_TOPIC)).isNull();
        assertThat(RelayDestinations.toPublic("/queue/errors-user1a2b")).isNull();
    }
}
