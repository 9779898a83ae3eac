-- Issue #15 item 9: optimistic locking on ticket updates. Every write raises the version; an agent's edit that
-- names the version it was based on is refused (409) when someone else changed the ticket in between.
alter table ticket add column version bigint not null default 0;
