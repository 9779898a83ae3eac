-- Admin-issued API keys for server-to-server callers. Only the SHA-256 of the key is stored: the key itself is
-- shown once when it is issued, so a database dump does not hand out working credentials.
create table api_key (
    id           uuid primary key,
    name         text        not null,
    -- the first characters of the key (after pk_), so admins can tell keys apart without the secret
    prefix       text        not null,
    secret_hash  text        not null unique,
    scopes       text[]      not null,
    read_only    boolean     not null default false,
    created_by   uuid,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid
);
create index api_key_by_created on api_key (created_at desc);
