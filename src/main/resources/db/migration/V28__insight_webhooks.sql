-- Outbound webhooks. A delivery row is the outbox: it is written in the same transaction as the event it
-- reports, and a background sender delivers it with retries and exponential backoff.
create table insight_webhook_endpoint (
    id          uuid primary key,
    url         text        not null,
    secret      text        not null,
    event_types text[]      not null,
    active      boolean     not null default true,
    created_at  timestamptz not null
);

create table insight_webhook_delivery (
    id               uuid primary key,
    endpoint_id      uuid        not null references insight_webhook_endpoint (id) on delete cascade,
    event_id         uuid        not null,
    event_type       text        not null,
    payload          text        not null,
    status           text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (endpoint_id, event_id)
);
create index insight_webhook_delivery_due on insight_webhook_delivery (next_attempt_at) where status = 'pending';
create index insight_webhook_delivery_by_endpoint on insight_webhook_delivery (endpoint_id, created_at desc);

create table insight_webhook_attempt (
    delivery_id uuid        not null references insight_webhook_delivery (id) on delete cascade,
    attempt     int         not null,
    at          timestamptz not null,
    status_code int,
    error       text,
    duration_ms bigint      not null,
    primary key (delivery_id, attempt)
);
