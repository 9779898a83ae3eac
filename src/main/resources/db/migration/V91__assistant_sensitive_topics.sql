-- Sensitive topics as an admin edited them in the admin pages (one document). No row: the configured ones
-- (parley.assistant.sensitive-topics, else the built-in defaults) are in force.
create table assistant_sensitive_topics (
    id         boolean primary key default true check (id),
    topics     jsonb       not null,
    updated_at timestamptz not null,
    updated_by text        not null
);
