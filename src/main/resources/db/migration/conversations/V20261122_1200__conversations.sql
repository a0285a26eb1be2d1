-- One inbox for every channel: conversations with residents by email, SMS, X and Mastodon, the messages in them
-- (each provider's message once, however often it is delivered), their photos, and who holds each conversation.
create table conversation (
    id                bigint generated always as identity primary key,
    jurisdiction_id   text        not null references jurisdiction (id),
    channel           text        not null check (channel in ('EMAIL', 'SMS', 'X', 'FEDIVERSE')),
    -- What ties the messages of a thread together in the channel: the first Message-ID, a phone number, the first
    -- post's id.
    thread_key        text        not null,
    resident          text        not null,
    resident_name     text,
    subject           text,
    visibility        text,
    status            text        not null default 'OPEN' check (status in ('OPEN', 'ANSWERED', 'CLOSED')),
    owner             text,
    claimed_at        timestamptz,
    composing_by      text,
    composing_until   timestamptz,
    language          text,
    emergency         text,
    abusive           boolean     not null default false,
    request_public_id text,
    created_at        timestamptz not null,
    last_message_at   timestamptz not null,
    unique (jurisdiction_id, channel, thread_key)
);

create index conversation_recent on conversation (jurisdiction_id, last_message_at desc);

create table conversation_message (
    id               bigint generated always as identity primary key,
    conversation_id  bigint      not null references conversation (id),
    direction        text        not null check (direction in ('IN', 'OUT')),
    -- The provider's id of the message: a redelivered webhook or a second poll finds it and adds nothing.
    external_id      text,
    author           text        not null,
    text             text        not null,
    masked_text      text        not null,
    at               timestamptz not null,
    -- Triage of an incoming message, as JSON (suggestions, address, emergency, civility).
    triage           jsonb,
    -- For a reply: the message it answers, and the outbox entry that sends it.
    reply_to         bigint references conversation_message (id),
    outbox_key       text,
    automatic        boolean     not null default false,
    unique (conversation_id, direction, external_id)
);

-- Two agents can never both answer the same message: the second reply is refused by the database itself.
create unique index conversation_one_reply on conversation_message (reply_to) where direction = 'OUT' and not automatic;
create index conversation_message_thread on conversation_message (conversation_id, at);

create table conversation_media (
    message_id   bigint           not null references conversation_message (id),
    position     int              not null,
    path         text             not null,
    content_type text             not null,
    -- Where the photo was taken, read from its EXIF before the public copy was stripped of it.
    latitude     double precision,
    longitude    double precision,
    primary key (message_id, position)
);

-- How far each polled channel has been read (Mastodon's last notification id); a poll that fails moves nothing.
create table inbox_cursor (
    channel  text primary key,
    position text not null
);
