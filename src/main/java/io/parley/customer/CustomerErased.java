package io.parley.customer;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's personal data is being erased (GDPR right to erasure). Published inside the erasing transaction and
 * handled synchronously by every module that keeps data about the customer, so the erasure is all or nothing: if
 * one module fails, nothing is erased and the admin gets the error. Modules that find their rows through the
 * customer's conversations run before chat deletes them ({@link #BEFORE_CONVERSATIONS} / {@link #CONVERSATIONS}).
 */
public record CustomerErased(UUID customerId, Instant at) {

    /** {@code @Order} of listeners that still need the customer's conversations. */
    public static final int BEFORE_CONVERSATIONS = 0;
    /** {@code @Order} of chat's listener, which deletes the conversations and their messages. */
    public static final int CONVERSATIONS = 100;
}
