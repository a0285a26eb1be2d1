-- Who held, took over, let go of and closed a conversation, and when: a conversation closed unanswered, or taken from
-- a colleague, says by whom.
create table conversation_event (
    id              bigint generated always as identity primary key,
    conversation_id bigint      not null references conversation (id),
    at              timestamptz not null,
    actor           text        not null,
    action          text        not null check (action in ('CLAIMED', 'TAKEN_OVER', 'RELEASED', 'CLOSED')),
    -- The colleague it was taken from, or how a closed conversation stood (answered or not).
    detail          text
);

create index conversation_event_conversation on conversation_event (conversation_id, at);
