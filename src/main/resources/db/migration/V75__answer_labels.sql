-- Answer labels (assistant module): what people said about the bot's choice of article for a question, learnt from
-- the conversations and the writers' pages, read by the answer calibration. Bounded in size by the application
-- (parley.assistant.labels.max-stored): the oldest rows go first.
create table answer_label (
    id               uuid primary key,
    -- customer_feedback (Yes/No to "Did that answer your question?"), agent_link (an agent answered a handed-off
    -- question with a link to an article), writer_verdict (a writer's verdict in "test a question")
    source           text        not null check (source in ('customer_feedback', 'agent_link', 'writer_verdict')),
    -- the event the label came from (the customer's message, the agent's message and article, the writer and
    -- question): one label per source event, however often it is delivered
    source_key       text        not null,
    query            text        not null,
    locale           text        not null,
    -- the language part of locale, which the calibration reads by
    language         text        not null,
    -- the article the verdict is about; null for should_hand_off without an article shown
    article_slug     text,
    article_locale   text,
    -- right_article: it answers the query; wrong_article: it does not; should_hand_off: no article does
    verdict          text        not null check (verdict in ('right_article', 'wrong_article', 'should_hand_off')),
    -- erased with the conversation (a customer's erasure deletes their conversations)
    conversation_id  uuid references conversation (id) on delete cascade,
    created_at       timestamptz not null,
    constraint answer_label_once_per_source_event unique (source, source_key)
);

create index answer_label_language_recent on answer_label (language, created_at desc);
create index answer_label_recent on answer_label (created_at desc);
create index answer_label_conversation on answer_label (conversation_id) where conversation_id is not null;
