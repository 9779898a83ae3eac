-- Passage vectors by embedding model and content hash, shared by every node and every rebuild: a text that any
-- node has embedded with a model is never embedded again with that model. Derived data (can be dropped at any time).
create table embedding_vector (
    model        text        not null,
    content_hash text        not null,  -- hex SHA-256 of the exact text given to the model
    dimension    integer     not null,
    vector       bytea       not null,  -- dimension float32 values, little-endian
    created_at   timestamptz not null default now(),
    primary key (model, content_hash)
);
