-- Spring Modulith's event publication registry (JDBC, schema v2 of spring-modulith-events-jdbc 2.1): an event a
-- durable listener (@ApplicationModuleListener) must handle is stored in the publishing transaction and marked
-- complete when the listener's work committed, so a crash in between leaves it here to be resubmitted.
-- Created by Flyway rather than Modulith's schema initialisation so that every schema change is one migration.
create table if not exists event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
-- the resubmission sweep looks for incomplete publications only
create index if not exists event_publication_incomplete_idx on event_publication (publication_date) where completion_date is null;
