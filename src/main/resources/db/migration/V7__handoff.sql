-- Teams route conversations by locale or tag and have business hours in their own time zone.
create table team (
    id         uuid primary key,
    name       text        not null,
    locales    text[]      not null default '{}',
    tags       text[]      not null default '{}',
    time_zone  text        not null default 'UTC',
    -- {"monday": [{"from": "09:00", "to": "17:00"}], ...}; null: always open
    hours      jsonb,
    holidays   date[]      not null default '{}',
    created_at timestamptz not null
);
create unique index team_name on team (lower(name));

create table team_member (
    team_id  uuid not null references team (id) on delete cascade,
    staff_id uuid not null references staff_account (id) on delete cascade,
    primary key (team_id, staff_id)
);

-- Who owns a conversation (the handoff state machine); a row exists once a conversation left the bot, or the bot
-- resolved it. chat's conversation.responder is the bot/human switch this drives.
create table conversation_handoff (
    conversation_id   uuid primary key references conversation (id) on delete cascade,
    state             text        not null check (state in ('bot', 'queued', 'assigned', 'resolved')),
    agent_id          uuid,
    team_id           uuid references team (id) on delete set null,
    reason            text,
    question          text,
    out_of_hours      boolean     not null default false,
    contact_email     text,
    queued_at         timestamptz,
    assigned_at       timestamptz,
    resolved_at       timestamptz,
    resolved_by       uuid,
    resolved_by_bot   boolean     not null default false,
    awaiting_first_response boolean not null default false,
    rating            int check (rating between 1 and 5),
    rating_comment    text,
    rated_at          timestamptz,
    updated_at        timestamptz not null
);
create index conversation_handoff_queue on conversation_handoff (state, queued_at);
create index conversation_handoff_agent on conversation_handoff (agent_id, state);

-- Every transition, with who, when and why.
create table ownership_transition (
    id              bigserial primary key,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    from_state      text        not null,
    to_state        text        not null,
    agent_id        uuid,
    actor_id        uuid,
    reason          text        not null,
    at              timestamptz not null
);
create index ownership_transition_by_conversation on ownership_transition (conversation_id, id);

-- How long customers waited for the first human reply after being queued: the expected-wait estimate.
create table first_response (
    conversation_id uuid        not null,
    queued_at       timestamptz not null,
    responded_at    timestamptz not null
);
create index first_response_recent on first_response (responded_at);
