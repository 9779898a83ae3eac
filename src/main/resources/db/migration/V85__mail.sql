-- Mail (issue #16): every mail is a row of the outbox before it is sent, so sending survives restarts, is retried on
-- SMTP failures and happens once per dedup key; the rows are written by durable listeners (event publication
-- registry) and sent by a poller that locks them (for update skip locked), so two nodes never send the same row.
create table mail_outbox (
    id              uuid primary key,
    -- one mail per business fact: contact-team:<conversation>:<time>, reply:<message id>, transcript:<...>
    dedup_key       text not null unique,
    kind            text not null check (kind in ('contact_team', 'contact_ack', 'offline_reply', 'transcript')),
    conversation_id uuid not null,
    customer_id     uuid,
    recipient       text not null,
    -- offline_reply: the agent's message (sent only while the customer has not read it)
    message_seq     bigint,
    author_name     text,
    body            text,
    status          text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
    due_at          timestamptz not null,
    attempts        int not null default 0,
    last_error      text,
    -- the mail a row went out in: several offline replies share one
    sent_as         uuid,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (due_at) where status = 'pending';
create index mail_outbox_conversation on mail_outbox (conversation_id, kind) where status = 'pending';
create index mail_outbox_customer on mail_outbox (customer_id, kind, created_at);

-- the reply address of a conversation: reply+<token>@<parley.mail.reply-domain>; a random token (not a signature),
-- lower-case so that mail systems that fold the local part's case do not break it
create table mail_reply_token (
    token           text primary key,
    conversation_id uuid not null unique,
    customer_id     uuid not null,
    created_at      timestamptz not null
);

-- inbound replies already taken into a conversation, by their Message-ID: a webhook delivered twice posts once
create table mail_inbound (
    message_key     text primary key,
    conversation_id uuid not null,
    chat_message_id uuid,
    received_at     timestamptz not null
);
