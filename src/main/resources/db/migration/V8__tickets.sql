create sequence ticket_number start 1001;

create table ticket (
    id              uuid primary key,
    number          bigint      not null unique default nextval('ticket_number'),
    conversation_id uuid        not null unique references conversation (id) on delete cascade,
    customer_id     uuid        not null,
    subject         text        not null,
    status          text        not null check (status in ('open', 'pending', 'solved', 'closed')),
    priority        text        not null check (priority in ('low', 'normal', 'high', 'urgent')),
    tags            text[]      not null default '{}',
    reason          text,
    assignee_id     uuid,
    summary         text,
    summary_source  text,
    bot_sources     jsonb,
    contact_email   text,
    rating          int,
    rating_comment  text,
    rated_at        timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index ticket_by_status on ticket (status, created_at desc);
create index ticket_by_assignee on ticket (assignee_id, status);

-- The ticket's history, oldest first.
create table ticket_event (
    id         bigserial primary key,
    ticket_id  uuid        not null references ticket (id) on delete cascade,
    type       text        not null,
    actor_id   uuid,
    actor_name text,
    data       jsonb,
    at         timestamptz not null
);
create index ticket_event_by_ticket on ticket_event (ticket_id, id);

-- Private notes: staff only, never shown to the customer.
create table ticket_note (
    id          uuid primary key,
    ticket_id   uuid        not null references ticket (id) on delete cascade,
    author_id   uuid        not null,
    author_name text,
    text        text        not null,
    created_at  timestamptz not null
);
create index ticket_note_by_ticket on ticket_note (ticket_id, created_at);
