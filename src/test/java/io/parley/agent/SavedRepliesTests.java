package io.parley.agent;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SavedRepliesTests {

    @Test
    void expandsKnownPlaceholdersAndLeavesUnknownOnesVisible() {
        String body = "Hi {{customer.name}}, this is {{ agent.name }}. {{ticket.number}} {{nothing}} $1 \\";
        assertThat(SavedReplies.expand(body, Map.of("customer.name", "Ada", "agent.name", "Dana", "ticket.number", "1042")))
                .isEqualTo("Hi Ada, this is Dana. 1042 {{nothing}} $1 \\");
    }
}
