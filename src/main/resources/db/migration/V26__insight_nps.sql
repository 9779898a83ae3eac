-- NPS surveys sent to customers (at most one per customer per configured interval) and their answers.
create table insight_nps_survey (
    id              uuid primary key,
    customer_id     uuid        not null,
    conversation_id uuid,
    locale          text,
    touchpoint      text        not null,
    sent_at         timestamptz not null
);
create index insight_nps_survey_by_customer on insight_nps_survey (customer_id, sent_at desc);

create table insight_nps_response (
    id               uuid primary key,
    survey_id        uuid        not null unique references insight_nps_survey (id),
    customer_id      uuid        not null,
    score            smallint    not null check (score between 0 and 10),
    comment          text,
    at               timestamptz not null,
    followed_up_at   timestamptz,
    followed_up_by   text,
    follow_up_note   text
);
create index insight_nps_response_by_time on insight_nps_response (at);
