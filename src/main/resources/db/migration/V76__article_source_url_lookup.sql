-- An agent's link to an article's own source URL is resolved to the article (answer labels, assistant module).
create index article_live_source_url on article (source_url) where deleted_at is null and source_url is not null;
