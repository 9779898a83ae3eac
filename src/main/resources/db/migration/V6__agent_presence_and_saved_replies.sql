-- Working state of a staff member as an agent: presence decides who gets conversations routed to them, capacity
-- how many at once. A row appears the first time an agent sets presence or an admin sets capacity.
create table agent_profile (
    staff_id   uuid primary key references staff_account (id) on delete cascade,
    presence   text        not null default 'offline' check (presence in ('online', 'away', 'offline')),
    capacity   int         not null default 3 check (capacity >= 0 and capacity <= 100),
    updated_at timestamptz not null
);

-- Canned answers agents insert into replies; {{customer.name}}-style placeholders are expanded per conversation.
create table saved_reply (
    id         uuid primary key,
    shortcut   text        not null,
    title      text        not null,
    body       text        not null,
    locale     text,
    created_by uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index saved_reply_shortcut on saved_reply (lower(shortcut));
