-- Customer presence (issue #16): an agent's reply is mailed only to a customer with no live widget connection. Every
-- node renews a lease for the customers connected to it; a customer whose lease lapsed (tab closed, node dead) is
-- absent. The state is here, not in one JVM, so it holds across nodes.
create table mail_customer_presence (
    customer_id      uuid primary key,
    lease_expires_at timestamptz not null
);
