-- Staff: agents, content writers and admins who sign in with email and password.
create table staff_account (
    id            uuid primary key,
    -- kept as entered for display; uniqueness and look-ups go through lower(email)
    email         text        not null,
    display_name  text        not null,
    -- DelegatingPasswordEncoder format, e.g. {bcrypt}$2a$10$...
    password_hash text        not null,
    -- assigned roles (AGENT, WRITER, ADMIN); ADMIN implies the others, which are not stored
    roles         text[]      not null,
    active        boolean     not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    check (cardinality(roles) > 0),
    check (roles <@ array['AGENT', 'WRITER', 'ADMIN']::text[])
);
create unique index staff_account_email on staff_account (lower(email));
