package io.parley.customer;

import java.util.Optional;
import java.util.UUID;

/** Read access to customers for other modules. */
public interface Customers {

    Optional<Customer> findById(UUID id);
}
