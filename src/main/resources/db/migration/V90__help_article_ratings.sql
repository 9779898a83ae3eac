-- "Was this helpful?" in the help centre counts into content_gap_article_signal like the widget's verdicts; the
-- rating's id makes the durable listener idempotent (a resubmitted ArticleRated is not counted twice).
alter table content_gap_article_signal add column source_id uuid;
create unique index content_gap_article_signal_source on content_gap_article_signal (source_id) where source_id is not null;
