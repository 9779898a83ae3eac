package io.parley.customer;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read access to customers for other modules. */
public interface Customers {

    Optional<Customer> findById(UUID id);

    /** The customers among {@code ids} that exist, by id (one query). */
    Map<UUID, Customer> findAll(Collection<UUID> ids);
}
