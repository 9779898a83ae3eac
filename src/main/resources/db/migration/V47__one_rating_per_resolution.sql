-- A resolution has one CSAT rating: rating it again replaces the score instead of adding a row that counts in
-- CSAT and health again. Ratings recorded before this had no resolution; each keeps its own (resolved_at = at).
alter table insight_rating add column resolved_at timestamptz;
update insight_rating set resolved_at = at where resolved_at is null;
alter table insight_rating alter column resolved_at set not null;
alter table insight_rating drop constraint insight_rating_pkey;
alter table insight_rating add primary key (conversation_id, resolved_at);
