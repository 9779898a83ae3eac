-- Issue #15 item 5: which of a customer's attributes the host application signed (a JWT), and the custom
-- attributes it signed. Everything already stored came from the browser, so nothing starts out verified.
alter table customer add column verified_fields text[] not null default '{}';
alter table customer add column attributes jsonb not null default '{}'::jsonb;
