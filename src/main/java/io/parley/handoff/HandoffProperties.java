package io.parley.handoff;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the handoff module ({@code parley.handoff.*}).
 *
 * @param reopenTo who takes a resolved conversation when the customer writes again: {@code bot} (default) or
 *     {@code queue}
 * @param autoAssign true (default): a handed-off conversation goes straight to the least-loaded online agent with
 *     capacity (of the matching team); false: it always waits in the queue to be claimed
 * @param expectedWaitWindow how far back first-response times count for the expected wait (default 7 days)
 */
@ConfigurationProperties("parley.handoff")
public record HandoffProperties(ReopenTo reopenTo, Boolean autoAssign, Duration expectedWaitWindow) {

    public enum ReopenTo { BOT, QUEUE }

    public HandoffProperties {
        if (reopenTo == null) {
            reopenTo = ReopenTo.BOT;
        }
        if (autoAssign == null) {
            autoAssign = true;
        }
        if (expectedWaitWindow == null || expectedWaitWindow.isNegative() || expectedWaitWindow.isZero()) {
            expectedWaitWindow = Duration.ofDays(7);
        }
    }
}
