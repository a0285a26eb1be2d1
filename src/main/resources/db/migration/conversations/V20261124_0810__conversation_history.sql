-- Who held, took over, let go of and closed a conversation, and when: a conversation closed unanswered, or taken from
-- a colleague, says by whom.
create table conversation_event (
    id              bigint generated always as identity primary key,
    conversation_id bigint      not null references conversation (id),
    at              timestamptz not null,
    actor           text        not null,
    action          text        not null check (action in ('CLAIMED', 'TAKEN_OVER', 'RELEASED', 'CLOSED', 'REOPENED')),
    -- The colleague it was taken from, or how a closed conversation stood (answered or not).
    detail          text,
    -- For a closing: the conversation's last message then, so that what the resident writes after it is told apart by
    -- the order messages arrived in, not by the dates their senders' clocks gave them.
    last_message_id bigint
);

create index conversation_event_conversation on conversation_event (conversation_id, at);
