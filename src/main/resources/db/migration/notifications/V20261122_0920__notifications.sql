-- The outbox of what residents and staff are told. The idempotency key makes each message exist once, however
-- often the event behind it is delivered; sending is retried until it succeeds.
create table notification (
    id              bigint generated always as identity primary key,
    idempotency_key text        not null unique,
    request_id      bigint      not null,
    channel         text        not null check (channel in ('EMAIL', 'SMS', 'SOCIAL')),
    recipient       text        not null,
    language        text        not null,
    subject         text        not null,
    body_text       text        not null,
    body_html       text,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    locked_until    timestamptz,
    last_error      text,
    sent_at         timestamptz
);

create index notification_due on notification (next_attempt_at) where sent_at is null;
create index notification_request on notification (request_id);
