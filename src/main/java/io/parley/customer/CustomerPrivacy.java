package io.parley.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.core.PersonalDataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * GDPR for one customer: find them, export everything the modules keep about them, erase it. The export asks every
 * module's {@link PersonalDataSource}; the erasure publishes {@link CustomerErased} (each module deletes or
 * anonymises its part) and then deletes the customer row, so the widget tokens of the customer stop working too.
 */
@Service
public class CustomerPrivacy {

    private final CustomerRepository customers;
    private final List<PersonalDataSource> sources;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerPrivacy(CustomerRepository customers, List<PersonalDataSource> sources, ApplicationEventPublisher events,
            JdbcClient jdbc, Clock clock) {
        this.customers = customers;
        this.sources = sources;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Customers by email (any case) or by the host application's user id; at least one must be given. */
    public List<Customer> find(String email, String externalId) {
        if (!StringUtils.hasText(email) && !StringUtils.hasText(externalId)) {
            throw InvalidInput.field("email", "or externalId is required to look a customer up");
        }
        return customers.findByEmailOrExternalId(email, externalId);
    }

    @Transactional(readOnly = true)
    public CustomerExport export(UUID customerId) {
        Customer customer = require(customerId);
        List<CustomerExport.Section> sections = sources.stream()
                .map(source -> new CustomerExport.Section(source.section(), source.export(customerId))).toList();
        return new CustomerExport(clock.instant(), customer, sections);
    }

    @Transactional
    public void erase(UUID customerId, ParleyPrincipal admin) {
        require(customerId);
        Instant now = clock.instant();
        events.publishEvent(new CustomerErased(customerId, now));
        customers.delete(customerId);
        // handled events kept by the event publication registry carry the customer's messages too; pending ones
        // stay, their listeners find nothing left to do
        jdbc.sql("delete from event_publication where completion_date is not null and position(? in serialized_event) > 0")
                .param(customerId.toString()).update();
        jdbc.sql("insert into customer_erasure (customer_id, erased_at, erased_by) values (?, ?, ?)")
                .params(customerId, Timestamp.from(now), admin.getName()).update();
    }

    private Customer require(UUID customerId) {
        return customers.findById(customerId).orElseThrow(() -> new CustomerNotFound(customerId));
    }

    /** 404 for an unknown (or already erased) customer. */
    static final class CustomerNotFound extends io.parley.core.ParleyException {
        CustomerNotFound(UUID id) {
            super(404, "customer_not_found", "Unknown customer " + id + " (or already erased)");
        }
    }
}
