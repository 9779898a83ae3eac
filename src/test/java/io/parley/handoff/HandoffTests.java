package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ownership state machine: the allowed transitions and the refused ones. */
class HandoffTests {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    final UUID dana = UUID.randomUUID();
    final UUID sam = UUID.randomUUID();

    Handoff bot() {
        return Handoff.withBot(UUID.randomUUID(), T0);
    }

    @Test
    void theHappyPathFromBotToQueueToAgentToResolved() {
        Handoff queued = bot().queue("missing_knowledge", "Can I pay by cheque?", null, false, T0.plusSeconds(1));
        assertThat(queued.state()).isEqualTo(HandoffState.QUEUED);
        assertThat(queued.awaitingFirstResponse()).isTrue();
        assertThat(queued.queuedAt()).isEqualTo(T0.plusSeconds(1));
        Handoff assigned = queued.assign(dana, T0.plusSeconds(5));
        assertThat(assigned.assignedTo(dana)).isTrue();
        Handoff resolved = assigned.resolve(dana, T0.plusSeconds(60));
        assertThat(resolved.state()).isEqualTo(HandoffState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo(dana);
        assertThat(resolved.agentId()).isNull();
        assertThat(resolved.rateable()).isTrue();
        assertThat(resolved.rated(4, "ok", T0.plusSeconds(70)).rating().score()).isEqualTo(4);
    }

    @Test
    void transfersReturnToBotAndReopening() {
        Handoff assigned = bot().queue("customer_request", null, null, false, T0).assign(dana, T0);
        assertThat(assigned.assign(sam, T0.plusSeconds(1)).agentId()).isEqualTo(sam);
        Handoff requeued = assigned.queue("transferred", null, null, false, T0.plusSeconds(2));
        assertThat(requeued.state()).isEqualTo(HandoffState.QUEUED);
        assertThat(requeued.reason()).as("a transfer keeps the handoff's reason").isEqualTo("customer_request");
        assertThat(requeued.queuedAt()).as("a transfer keeps the original wait").isEqualTo(T0);
        assertThat(assigned.returnToBot(T0).state()).isEqualTo(HandoffState.BOT);
        Handoff resolved = assigned.resolve(dana, T0);
        assertThat(resolved.returnToBot(T0).state()).isEqualTo(HandoffState.BOT);
        assertThat(resolved.queue("customer_returned", "again", null, false, T0).state()).isEqualTo(HandoffState.QUEUED);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Handoff bot = bot();
        Handoff queued = bot.queue("customer_request", null, null, false, T0);
        Handoff assigned = queued.assign(dana, T0);
        assertIllegal(() -> bot.assign(dana, T0));
        assertIllegal(() -> bot.resolve(dana, T0));
        assertIllegal(() -> bot.returnToBot(T0));
        assertIllegal(() -> queued.resolve(dana, T0));
        assertIllegal(() -> queued.returnToBot(T0));
        assertIllegal(() -> queued.queue("again", null, null, false, T0));
        assertIllegal(() -> assigned.assign(dana, T0));
        assertIllegal(() -> assigned.resolve(dana, T0).resolve(dana, T0));
        assertIllegal(() -> assigned.resolve(dana, T0).assign(dana, T0));
        assertIllegal(() -> queued.resolvedByTheBot(T0));
        assertThatThrownBy(() -> queued.rated(5, null, T0)).isInstanceOf(HandoffException.class)
                .hasFieldOrPropertyWithValue("code", "rating_not_open");
    }

    @Test
    void aBotResolutionKeepsTheBotAndMayBeRated() {
        Handoff resolved = bot().resolvedByTheBot(T0);
        assertThat(resolved.state()).isEqualTo(HandoffState.BOT);
        assertThat(resolved.resolvedByBot()).isTrue();
        assertThat(resolved.rateable()).isTrue();
        assertThat(resolved.queue("customer_request", null, null, false, T0).resolvedByBot()).isFalse();
    }

    private static void assertIllegal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(HandoffException.class).hasFieldOrPropertyWithValue("code", "illegal_transition");
    }
}
