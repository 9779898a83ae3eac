package io.parley.assistant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FairBotQueueTests {

    @Test
    void aFloodingCustomerDoesNotStarveTheOthersAndKeepsOnlyTheirLatestMessages() throws Exception {
        FairBotQueue queue = new FairBotQueue(100, 3, 1, "test-bot-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        queue.offer("blocker", () -> {
            started.countDown();
            await(release);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 1; i <= 50; i++) {
            String name = "flood-" + i;
            assertThat(queue.offer("flooder", () -> ran.add(name))).isTrue();
        }
        queue.offer("ada", () -> ran.add("ada-1"));
        queue.offer("bob", () -> ran.add("bob-1"));
        CountDownLatch done = new CountDownLatch(1);
        queue.offer("last", done::countDown);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

        // the flooder's 50 messages left their latest 3; Ada and Bob were served right after the flooder's first turn
        assertThat(ran).containsExactly("flood-48", "ada-1", "bob-1", "flood-49", "flood-50");
    }

    @Test
    void aFullQueueRefusesSoTheCallerCanAnswerBusy() throws Exception {
        FairBotQueue queue = new FairBotQueue(2, 5, 1, "test-bot-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        queue.offer("blocker", () -> {
            started.countDown();
            await(release);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.offer("a", () -> { })).isTrue();
        assertThat(queue.offer("b", () -> { })).isTrue();
        assertThat(queue.offer("c", () -> { })).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        release.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
