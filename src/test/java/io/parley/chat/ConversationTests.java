package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ownership state machine, owned by the conversation: the allowed transitions and the refused ones. */
class ConversationTests {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    final UUID dana = UUID.randomUUID();
    final UUID sam = UUID.randomUUID();

    Conversation bot() {
        return new Conversation(UUID.randomUUID(), UUID.randomUUID(), null, "en", 0, 0, 0, T0, T0, ConversationState.BOT, null);
    }

    @Test
    void theHappyPathFromBotToQueueToAgentToResolved() {
        Conversation bot = bot();
        assertThat(bot.botResponds()).isTrue();
        Conversation queued = bot.queued();
        assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(queued.responder()).as("the bot falls silent once queued").isEqualTo(Responder.HUMAN);
        Conversation assigned = queued.assignedTo(dana);
        assertThat(assigned.assignee()).isEqualTo(dana);
        Conversation resolved = assigned.resolved();
        assertThat(resolved.state()).isEqualTo(ConversationState.RESOLVED);
        assertThat(resolved.assignee()).isNull();
        assertThat(resolved.botResponds()).as("a resolution stays with people until the customer writes").isFalse();
    }

    @Test
    void transfersReturnToBotAndReopening() {
        Conversation assigned = bot().queued().assignedTo(dana);
        assertThat(assigned.assignedTo(sam).assignee()).isEqualTo(sam);
        assertThat(assigned.queued().state()).isEqualTo(ConversationState.QUEUED);
        assertThat(assigned.queued().assignee()).isNull();
        assertThat(assigned.returnedToBot().botResponds()).isTrue();
        Conversation resolved = assigned.resolved();
        assertThat(resolved.returnedToBot().state()).isEqualTo(ConversationState.BOT);
        assertThat(resolved.queued().state()).isEqualTo(ConversationState.QUEUED);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Conversation bot = bot();
        Conversation queued = bot.queued();
        Conversation assigned = queued.assignedTo(dana);
        assertIllegal(() -> bot.assignedTo(dana));
        assertIllegal(() -> bot.resolved());
        assertIllegal(() -> bot.returnedToBot());
        assertIllegal(() -> queued.resolved());
        assertIllegal(() -> queued.returnedToBot());
        assertIllegal(() -> queued.queued());
        assertIllegal(() -> assigned.assignedTo(dana));
        assertIllegal(() -> assigned.resolved().resolved());
        assertIllegal(() -> assigned.resolved().assignedTo(dana));
    }

    @Test
    void aChangeSaysWhetherTheBotHumanSwitchMovedAndWhoLostIt() {
        ConversationStateChanged handedOff = new ConversationStateChanged(UUID.randomUUID(), UUID.randomUUID(), "en",
                ConversationState.BOT, ConversationState.QUEUED, null, null, null, "customer_request", "help", T0);
        assertThat(handedOff.responderChanged()).isTrue();
        assertThat(handedOff.handedOff()).isTrue();
        assertThat(handedOff.unassigned()).isFalse();
        ConversationStateChanged transfer = new ConversationStateChanged(handedOff.conversationId(), handedOff.customerId(),
                "en", ConversationState.ASSIGNED, ConversationState.ASSIGNED, sam, dana, dana, "transferred", null, T0);
        assertThat(transfer.responderChanged()).isFalse();
        assertThat(transfer.handedOff()).isFalse();
        assertThat(transfer.unassigned()).isTrue();
    }

    private static void assertIllegal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ChatException.class).hasFieldOrPropertyWithValue("code", "illegal_transition");
    }
}
