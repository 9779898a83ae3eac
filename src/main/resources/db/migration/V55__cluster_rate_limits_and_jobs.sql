-- Token buckets shared by every node: one row per limited key (action + address or customer). The take is one
-- atomic upsert, so two nodes cannot both spend the last token.
create table rate_bucket (
    key        text             primary key,
    tokens     double precision not null,
    updated_at timestamptz      not null
);
create index rate_bucket_updated on rate_bucket (updated_at);

-- Periodic jobs that must run once across nodes: the node whose update moves next_run forward runs the job.
create table cluster_job (
    name      text        primary key,
    next_run  timestamptz not null,
    last_run  timestamptz,
    last_node text,
    runs      bigint      not null default 0
);

-- Every node's Lucene index follows article changes made on any node: the commit of a change notifies all
-- listeners (LISTEN parley_article_changed) with the article id.
create function parley_notify_article_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('parley_article_changed', coalesce(new.id, old.id)::text);
    return null;
end;
$$;
create trigger article_changed after insert or update or delete on article
    for each row execute function parley_notify_article_changed();
