-- GDPR erasures: which customer id was erased, when and by whom. The id is a random UUID with nothing left to
-- point at, so the log itself holds no personal data; it tells a restore from an older backup what to erase again.
create table customer_erasure (
    customer_id uuid primary key,
    erased_at   timestamptz not null,
    erased_by   text        not null
);
