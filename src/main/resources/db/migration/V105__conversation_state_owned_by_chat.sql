-- One owner of conversation state (issue #11): who owns a conversation (bot, queued, assigned, resolved) and its
-- assignee move from the handoff module's conversation_handoff onto chat's conversation, replacing the bot/human
-- responder switch both were kept in step with. conversation_handoff keeps the queue's details (team, reason,
-- hours, contact, rating). The data moves; nothing is lost.
alter table conversation add column state text not null default 'bot'
    check (state in ('bot', 'queued', 'assigned', 'resolved'));
alter table conversation add column assignee uuid;

update conversation c set state = h.state, assignee = case when h.state = 'assigned' then h.agent_id end
from conversation_handoff h where h.conversation_id = c.id;
-- a human responder without a handoff row was never queued: it waits for people
update conversation set state = 'queued' where responder = 'human' and state = 'bot';

alter table conversation drop column responder;
drop index if exists conversation_handoff_queue;
drop index if exists conversation_handoff_agent;
alter table conversation_handoff drop column state;
alter table conversation_handoff drop column agent_id;

create index conversation_with_people on conversation (state, assignee) where state in ('queued', 'assigned');
create index conversation_handoff_queued_at on conversation_handoff (queued_at);
