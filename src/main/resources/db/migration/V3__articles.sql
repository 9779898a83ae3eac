-- Help articles. PostgreSQL is the source of truth; the Lucene index is derived from the published ones.
create table article (
    id             uuid primary key,
    slug           text        not null,
    -- BCP 47 language tag, e.g. en, tr, pt-BR
    locale         text        not null,
    title          text        not null,
    -- Markdown
    body           text        not null,
    tags           text[]      not null default '{}',
    status         text        not null check (status in ('draft', 'published', 'archived')),
    source_url     text,
    -- slug of the source-language article this one translates
    translation_of text,
    -- who created it and who changed it last (staff display name, or the importer)
    author         text,
    updated_by     text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    -- when it was last published; kept after unpublishing, for the record
    published_at   timestamptz,
    -- deleted articles stay (with their revisions) for the audit trail but are invisible to the API
    deleted_at     timestamptz,
    -- optimistic locking: every save names the version it read and bumps it
    version        bigint      not null default 0,
    -- hash of what the Markdown import last wrote: an unchanged file then leaves a writer's later edits alone
    import_hash    text
);
-- one live article per slug and locale; a deleted one does not block re-creating it
create unique index article_slug_locale on article (slug, locale) where deleted_at is null;
create index article_live_by_status on article (status, locale) where deleted_at is null;

-- Every save of an article keeps a full snapshot, so any earlier state can be inspected and restored.
create table article_revision (
    article_id     uuid        not null references article (id) on delete cascade,
    -- 1, 2, 3, ... per article
    revision       integer     not null,
    action         text        not null check (action in ('created', 'edited', 'published', 'unpublished',
                                   'archived', 'unarchived', 'restored', 'imported', 'deleted')),
    slug           text        not null,
    locale         text        not null,
    title          text        not null,
    body           text        not null,
    tags           text[]      not null,
    status         text        not null,
    source_url     text,
    translation_of text,
    -- for action 'restored': the revision whose content was brought back
    restored_from  integer,
    editor_id      text,
    editor_name    text,
    created_at     timestamptz not null,
    primary key (article_id, revision)
);
