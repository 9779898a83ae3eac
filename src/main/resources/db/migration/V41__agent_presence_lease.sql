-- Presence is a lease: an online (or away) agent stays so only while their console's connection renews it. A node
-- that dies stops renewing, the lease lapses, and the agent goes offline (their unanswered conversations are routed
-- again) instead of staying "online" for ever with nobody behind it.
alter table agent_profile add column lease_expires_at timestamptz;
-- agents online before this version get one lease period to reconnect
update agent_profile set lease_expires_at = now() + interval '2 minutes' where presence <> 'offline';
create index agent_profile_lease on agent_profile (lease_expires_at) where presence <> 'offline';
