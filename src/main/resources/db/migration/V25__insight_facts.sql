-- Insight's own fact tables, filled by its event listeners (in the publishing transaction, idempotent on the
-- natural key of each event), so every figure is computed from exact counts. No foreign keys to other modules'
-- tables: insight only listens, and a fact must never block a chat or handoff write.

create table insight_conversation (
    conversation_id uuid primary key,
    customer_id     uuid        not null,
    locale          text,
    started_at      timestamptz not null
);
create index insight_conversation_by_start on insight_conversation (started_at);
create index insight_conversation_by_customer on insight_conversation (customer_id, started_at);

-- every message: who wrote it, the bot's payload kind and the article an answer came from
create table insight_message (
    message_id      uuid primary key,
    conversation_id uuid        not null,
    seq             bigint      not null,
    author_type     text        not null,
    kind            text,
    article_id      text,
    at              timestamptz not null
);
create index insight_message_by_conversation on insight_message (conversation_id, at);

-- "Did that answer your question?": one verdict per conversation, article and answer
create table insight_feedback (
    conversation_id uuid        not null,
    article_id      text        not null,
    helpful         boolean     not null,
    at              timestamptz not null,
    primary key (conversation_id, article_id, helpful)
);

-- one row per handoff (bot → people); the first agent reply and the resolution are filled in as they happen
create table insight_handoff (
    conversation_id      uuid        not null,
    handed_off_at        timestamptz not null,
    reason               text        not null,
    out_of_hours         boolean     not null,
    first_agent_reply_at timestamptz,
    resolved_at          timestamptz,
    primary key (conversation_id, handed_off_at)
);

create table insight_resolution (
    conversation_id uuid        not null,
    at              timestamptz not null,
    by_bot          boolean     not null,
    agent_id        uuid,
    primary key (conversation_id, at)
);

create table insight_rating (
    conversation_id uuid        not null,
    at              timestamptz not null,
    customer_id     uuid        not null,
    score           smallint    not null check (score between 1 and 5),
    comment         text,
    agent_id        uuid,
    primary key (conversation_id, at)
);

create table insight_ticket (
    ticket_id       uuid primary key,
    number          bigint      not null,
    conversation_id uuid,
    customer_id     uuid,
    reason          text,
    status          text        not null,
    created_at      timestamptz not null,
    status_at       timestamptz not null
);
create index insight_ticket_by_customer on insight_ticket (customer_id, created_at);
