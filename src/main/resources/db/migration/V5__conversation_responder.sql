-- Who answers the customer right now. Chat checks it under the conversation's row lock before storing a bot
-- message, so a bot can never talk over a human; the handoff module moves it.
alter table conversation add column responder text not null default 'bot' check (responder in ('bot', 'human'));
