-- Content gaps (insight module): questions the bot could not answer, grouped by meaning, and how articles fare.
-- Insight only listens to events and reads; these tables are its own.

-- A group of similar unanswered questions. Its centroid is the normalised mean of its questions' vectors.
create table content_gap_group (
    id                   uuid primary key,
    -- the vector space of the centroid: the embedding model id, or 'lexical:<locale>' for languages it does not cover
    vector_space         text        not null,
    -- little-endian float32 values
    centroid             bytea       not null,
    question_count       integer     not null default 0,
    first_seen_at        timestamptz not null,
    last_seen_at         timestamptz not null,
    -- a writer addressed the group by writing (or pointing to) this article
    addressed_article_id uuid,
    addressed_at         timestamptz,
    addressed_by         text
);

-- One question the bot could not answer, answered wrongly, or handed off for missing knowledge.
create table content_gap_question (
    id               uuid primary key,
    group_id         uuid        not null references content_gap_group (id),
    conversation_id  uuid,
    question         text        not null,
    -- lower-cased, white space collapsed: one conversation records a question once
    question_key     text        not null,
    locale           text,
    -- unanswered (the bot did not know), unhelpful (the customer said no), handed_off (missing_knowledge)
    source           text        not null check (source in ('unanswered', 'unhelpful', 'handed_off')),
    -- unhelpful: the article whose answer did not help
    article_id       text,
    handed_off       boolean     not null default false,
    vector           bytea       not null,
    -- what an agent later wrote in the conversation: a starting point for an article
    agent_reply      text,
    agent_reply_at   timestamptz,
    created_at       timestamptz not null
);
create unique index content_gap_question_once on content_gap_question (conversation_id, question_key);
create index content_gap_question_group on content_gap_question (group_id, created_at);
create index content_gap_question_conversation on content_gap_question (conversation_id, created_at);

-- How articles fare with customers: shown as a bot answer's source, confirmed helpful, or unhelpful.
create table content_gap_article_signal (
    id              bigserial primary key,
    article_id      uuid        not null,
    kind            text        not null check (kind in ('shown', 'helpful', 'unhelpful')),
    conversation_id uuid,
    at              timestamptz not null
);
create index content_gap_article_signal_article on content_gap_article_signal (article_id, at);
