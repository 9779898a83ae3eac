-- Failed staff logins, shared by every node: one row per throttled key (an account, an address, or the pair).
-- Each attempt is counted by one atomic upsert before the password is checked, so parallel guesses cannot slip
-- between a check and an update; a success takes its count back.
create table login_throttle (
    throttle_key  text primary key,
    failures      integer     not null,
    last_failure  timestamptz not null,
    -- attempts before this instant are refused; it doubles with every failure past the allowance, up to a cap
    blocked_until timestamptz
);
create index login_throttle_last_failure on login_throttle (last_failure);
