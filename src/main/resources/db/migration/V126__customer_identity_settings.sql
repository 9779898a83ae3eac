-- Identity verification settings an admin saves on the admin page (issue #16): the HS256/userHash secret (sealed
-- like the other secrets at rest, core.SecretCipher), the RS256 JWKS URI or PEM public key, and the clock skew. A
-- null column falls back to configuration (parley.customer.identity-*). One row.
create table customer_identity_settings (
    id                 smallint primary key default 1 check (id = 1),
    hmac_secret        text,
    jwks_uri           text,
    public_key         text,
    clock_skew_seconds int,
    updated_at         timestamptz not null,
    updated_by         text
);
