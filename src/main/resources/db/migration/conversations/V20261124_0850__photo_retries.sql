-- A resident's photo the provider could not give at the time (its media host down, a time-out) is fetched again
-- for a while; the address is the provider's media address, never one a message could choose.
create table conversation_photo_retry (
    id              bigint generated always as identity primary key,
    message_id      bigint      not null references conversation_message (id),
    channel         text        not null,
    url             text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null
);

create index conversation_photo_retry_due on conversation_photo_retry (next_attempt_at);
create index conversation_photo_retry_message on conversation_photo_retry (message_id);
