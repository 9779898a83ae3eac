package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

import io.parley.chat.ConversationState;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue's details along the ownership transitions (which transitions are legal is chat's: see
 * {@code io.parley.chat.ConversationTests}).
 */
class HandoffTests {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    final UUID dana = UUID.randomUUID();
    final UUID sam = UUID.randomUUID();

    Handoff bot() {
        return Handoff.withBot(UUID.randomUUID(), T0);
    }

    @Test
    void theHappyPathFromBotToQueueToAgentToResolved() {
        Handoff queued = bot().queue(true, "missing_knowledge", "Can I pay by cheque?", null, false, T0.plusSeconds(1));
        assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(queued.awaitingFirstResponse()).isTrue();
        assertThat(queued.queuedAt()).isEqualTo(T0.plusSeconds(1));
        Handoff assigned = queued.assign(dana, T0.plusSeconds(5));
        assertThat(assigned.assignedTo(dana)).isTrue();
        Handoff resolved = assigned.resolve(dana, T0.plusSeconds(60));
        assertThat(resolved.state()).isEqualTo(ConversationState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo(dana);
        assertThat(resolved.agentId()).isNull();
        assertThat(resolved.rateable()).isTrue();
        assertThat(resolved.rated(4, "ok", T0.plusSeconds(70)).rating().score()).isEqualTo(4);
    }

    @Test
    void transfersReturnToBotAndReopening() {
        Handoff assigned = bot().queue(true, "customer_request", null, null, false, T0).assign(dana, T0);
        assertThat(assigned.assign(sam, T0.plusSeconds(1)).agentId()).isEqualTo(sam);
        Handoff requeued = assigned.queue(false, "transferred", null, null, false, T0.plusSeconds(2));
        assertThat(requeued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(requeued.reason()).as("a transfer keeps the handoff's reason").isEqualTo("customer_request");
        assertThat(requeued.queuedAt()).as("a transfer keeps the original wait").isEqualTo(T0);
        assertThat(assigned.returnToBot(T0).state()).isEqualTo(ConversationState.BOT);
        Handoff resolved = assigned.resolve(dana, T0);
        assertThat(resolved.returnToBot(T0).state()).isEqualTo(ConversationState.BOT);
        Handoff reopened = resolved.queue(true, "customer_returned", "again", null, false, T0.plusSeconds(9));
        assertThat(reopened.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(reopened.reason()).as("a reopening is a new hand-off").isEqualTo("customer_returned");
        assertThat(reopened.queuedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void onlyAResolutionMayBeRatedAndOnlyTheBotResolvesItsOwn() {
        Handoff queued = bot().queue(true, "customer_request", null, null, false, T0);
        assertThatThrownBy(() -> queued.resolvedByTheBot(T0)).isInstanceOf(HandoffException.class)
                .hasFieldOrPropertyWithValue("code", "illegal_transition");
        assertThatThrownBy(() -> queued.rated(5, null, T0)).isInstanceOf(HandoffException.class)
                .hasFieldOrPropertyWithValue("code", "rating_not_open");
    }

    @Test
    void aBotResolutionKeepsTheBotAndMayBeRated() {
        Handoff resolved = bot().resolvedByTheBot(T0);
        assertThat(resolved.state()).isEqualTo(ConversationState.BOT);
        assertThat(resolved.resolvedByBot()).isTrue();
        assertThat(resolved.rateable()).isTrue();
        assertThat(resolved.queue(true, "customer_request", null, null, false, T0).resolvedByBot()).isFalse();
    }
}
