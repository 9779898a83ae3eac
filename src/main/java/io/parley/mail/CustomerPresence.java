package io.parley.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether a customer has a live widget connection anywhere: a lease per customer in PostgreSQL
 * ({@code mail_customer_presence}) that the nodes holding their STOMP sessions renew ({@link PresenceRenewal}).
 */
@Repository
class CustomerPresence {

    private final JdbcClient jdbc;

    CustomerPresence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customers are connected at least until {@code until}; a later lease (another node's) stays. */
    void renew(Collection<UUID> customers, Instant until) {
        if (customers.isEmpty()) {
            return;
        }
        jdbc.sql("insert into mail_customer_presence (customer_id, lease_expires_at) select id, ? from unnest(cast(? as uuid[])) as id "
                + "on conflict (customer_id) do update set lease_expires_at = "
                + "greatest(mail_customer_presence.lease_expires_at, excluded.lease_expires_at)")
                .params(Timestamp.from(until), customers.toArray(UUID[]::new)).update();
    }

    /**
     * The customer's last session on one node closed: the lease ends by {@code by} unless a node that still holds a
     * session of theirs (or the same browser, reconnecting) renews it before.
     */
    void endBy(UUID customerId, Instant by) {
        jdbc.sql("update mail_customer_presence set lease_expires_at = least(lease_expires_at, ?) where customer_id = ?")
                .params(Timestamp.from(by), customerId).update();
    }

    boolean connected(UUID customerId, Instant now) {
        return jdbc.sql("select exists (select 1 from mail_customer_presence where customer_id = ? and lease_expires_at > ?)")
                .params(customerId, Timestamp.from(now)).query(Boolean.class).single();
    }

    /** Leases that lapsed long ago say nothing any more. */
    int purgeLapsedBefore(Instant before) {
        return jdbc.sql("delete from mail_customer_presence where lease_expires_at < ?").param(Timestamp.from(before)).update();
    }

    void forget(UUID customerId) {
        jdbc.sql("delete from mail_customer_presence where customer_id = ?").param(customerId).update();
    }
}
