-- Secrets the server generates for itself when none is configured (e.g. the token signing key), so that
-- tokens survive restarts without any setup.
create table server_secret (
    name       text primary key,
    value      text        not null,
    created_at timestamptz not null default now()
);

create table customer (
    id           uuid primary key,
    -- the host application's user id, set only for identified (HMAC-verified) customers
    external_id  text unique,
    -- the anonymous visitor id the widget keeps in local storage
    visitor_id   text unique,
    name         text,
    email        text,
    locale       text,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    check (external_id is not null or visitor_id is not null)
);

create table conversation (
    id                uuid primary key,
    customer_id       uuid        not null references customer (id),
    subject           text,
    locale            text,
    -- the last sequence number handed out; bumped under a row lock, so seqs are gapless
    last_seq          bigint      not null default 0,
    customer_read_seq bigint      not null default 0,
    agent_read_seq    bigint      not null default 0,
    created_at        timestamptz not null,
    last_message_at   timestamptz not null
);
create index conversation_by_customer on conversation (customer_id, last_message_at desc);

create table message (
    id                uuid primary key,
    conversation_id   uuid        not null references conversation (id) on delete cascade,
    seq               bigint      not null,
    author_type       text        not null check (author_type in ('customer', 'bot', 'agent', 'system')),
    author_id         text,
    author_name       text,
    text              text        not null,
    payload           jsonb,
    client_message_id text,
    created_at        timestamptz not null,
    unique (conversation_id, seq),
    unique (conversation_id, client_message_id)
);
