package io.parley.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {

    private static final String COLUMNS = "id, external_id, visitor_id, name, email, locale, created_at, last_seen_at, "
            + "company, verified_fields, attributes";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomerRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Customer> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ?").param(id).query(this::map).optional();
    }

    /**
     * Finds or creates the customer for a host-application user id whose attributes {@code signed} the host
     * application signed (an identity JWT). A signed value is stored and marked verified; a value from the browser
     * is stored unverified, and never replaces a value that was signed before (an unsigned session cannot rename a
     * verified customer). {@code attributes}, when not null, replace the stored custom attributes.
     */
    Customer upsertIdentified(String externalId, Fields fields, Set<String> signed, CustomerAttributes attributes, Instant now) {
        String[] signedArray = signed.toArray(String[]::new);
        return jdbc.sql("""
                insert into customer (id, external_id, name, email, locale, company, verified_fields, attributes, created_at, last_seen_at)
                values (:id, :externalId, :name, :email, :locale, :company, :signed, cast(:attributes as jsonb), :now, :now)
                on conflict (external_id) do update set
                    name = %s,
                    email = %s,
                    locale = coalesce(excluded.locale, customer.locale),
                    company = %s,
                    verified_fields = array(select unnest(customer.verified_fields) union select unnest(cast(:signed as text[])) order by 1),
                    attributes = case when :replaceAttributes then excluded.attributes else customer.attributes end,
                    last_seen_at = excluded.last_seen_at
                returning """.formatted(merge("name"), merge("email"), merge("company")) + " " + COLUMNS)
                .param("id", UUID.randomUUID()).param("externalId", externalId).param("name", fields.name())
                .param("email", fields.email()).param("locale", fields.locale()).param("company", fields.company())
                .param("signed", signedArray).param("attributes", json.writeValueAsString(attributes == null ? CustomerAttributes.NONE : attributes))
                .param("replaceAttributes", attributes != null).param("now", java.sql.Timestamp.from(now))
                .query(this::map).single();
    }

    // the new value when it is signed, or when the stored one was not signed; else the stored (signed) one stays
    private static String merge(String column) {
        return ("case when '%1$s' = any(cast(:signed as text[])) or not ('%1$s' = any(customer.verified_fields)) "
                + "then coalesce(excluded.%1$s, customer.%1$s) else customer.%1$s end").formatted(column);
    }

    /** What a session says about the customer (each may be null: keep what is stored). */
    record Fields(String name, String email, String locale, String company) {
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
                .query(this::map).single();
    }

    List<Customer> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from customer where id = any(?)")
                .param(ids.toArray(UUID[]::new)).query(this::map).list();
    }

    Optional<Customer> findAnonymousVisitor(String visitorId) {
        return jdbc.sql("select " + COLUMNS + " from customer where visitor_id = ? and external_id is null")
                .param(visitorId).query(this::map).optional();
    }

    List<Customer> findByEmailOrExternalId(String email, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from customer where lower(email) = lower(?) or external_id = ? "
                + "order by last_seen_at desc limit 50").params(email, externalId).query(this::map).list();
    }

    /** The erasure's last step: the other modules' rows that referenced the customer are gone by now. */
    void delete(UUID id) {
        jdbc.sql("delete from customer where id = ?").param(id).update();
    }

    private Customer map(ResultSet rs, int row) throws SQLException {
        java.sql.Array verified = rs.getArray("verified_fields");
        String attributes = rs.getString("attributes");
        return new Customer(rs.getObject("id", UUID.class), rs.getString("external_id"), rs.getString("visitor_id"),
                rs.getString("name"), rs.getString("email"), rs.getString("locale"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(), rs.getString("company"),
                verified == null ? Set.of() : Set.of((String[]) verified.getArray()),
                attributes == null ? CustomerAttributes.NONE : json.readValue(attributes, CustomerAttributes.class));
    }
}
