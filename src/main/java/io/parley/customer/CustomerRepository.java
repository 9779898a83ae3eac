package io.parley.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {

    private static final String COLUMNS = "id, external_id, visitor_id, name, email, locale, created_at, last_seen_at, company";

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Customer> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ?").param(id).query(CustomerRepository::map).optional();
    }

    /**
     * Finds or creates the customer for a host-application user id. The upsert makes two devices opening the widget
     * at the same moment end up with one customer, not two.
     */
    Customer upsertIdentified(String externalId, String name, String email, String locale, String company, Instant now) {
        return jdbc.sql("""
                insert into customer (id, external_id, name, email, locale, company, created_at, last_seen_at)
                values (:id, :externalId, :name, :email, :locale, :company, :now, :now)
                on conflict (external_id) do update set
                    name = coalesce(excluded.name, customer.name),
                    email = coalesce(excluded.email, customer.email),
                    locale = coalesce(excluded.locale, customer.locale),
                    company = coalesce(excluded.company, customer.company),
                    last_seen_at = excluded.last_seen_at
                returning """ + " " + COLUMNS)
                .param("id", UUID.randomUUID()).param("externalId", externalId).param("name", name)
                .param("email", email).param("locale", locale).param("company", company).param("now", java.sql.Timestamp.from(now))
                .query(CustomerRepository::map).single();
    }

    Customer upsertVisitor(String visitorId, String name, String email, String locale, String company, Instant now) {
        return jdbc.sql("""
                insert into customer (id, visitor_id, name, email, locale, company, created_at, last_seen_at)
                values (:id, :visitorId, :name, :email, :locale, :company, :now, :now)
                on conflict (visitor_id) do update set
                    name = coalesce(excluded.name, customer.name),
                    email = coalesce(excluded.email, customer.email),
                    locale = coalesce(excluded.locale, customer.locale),
                    company = coalesce(excluded.company, customer.company),
                    last_seen_at = excluded.last_seen_at
                returning """ + " " + COLUMNS)
                .param("id", UUID.randomUUID()).param("visitorId", visitorId).param("name", name)
                .param("email", email).param("locale", locale).param("company", company).param("now", java.sql.Timestamp.from(now))
                .query(CustomerRepository::map).single();
    }

    List<Customer> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from customer where id = any(?)")
                .param(ids.toArray(UUID[]::new)).query(CustomerRepository::map).list();
    }

    Optional<Customer> findAnonymousVisitor(String visitorId) {
        return jdbc.sql("select " + COLUMNS + " from customer where visitor_id = ? and external_id is null")
                .param(visitorId).query(CustomerRepository::map).optional();
    }

    List<Customer> findByEmailOrExternalId(String email, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from customer where lower(email) = lower(?) or external_id = ? "
                + "order by last_seen_at desc limit 50").params(email, externalId).query(CustomerRepository::map).list();
    }

    /** The erasure's last step: the other modules' rows that referenced the customer are gone by now. */
    void delete(UUID id) {
        jdbc.sql("delete from customer where id = ?").param(id).update();
    }

    private static Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getObject("id", UUID.class), rs.getString("external_id"), rs.getString("visitor_id"),
                rs.getString("name"), rs.getString("email"), rs.getString("locale"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(), rs.getString("company"));
    }
}
