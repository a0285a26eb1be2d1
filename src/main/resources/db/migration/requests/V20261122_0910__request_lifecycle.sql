-- Requests at work: the department queue they are in, who holds them, how they ended, their service level state,
-- repeat problems, escalations, the audit trail, followers, and dispatch to systems outside Civic311.

alter table service_request
    add column department_code text,
    add column supervisor_key  text,
    add column assignee        text,
    add column resolution      text,
    add column sla_state       text    not null default 'ON_TRACK'
        check (sla_state in ('ON_TRACK', 'NEARING', 'BREACHED')),
    add column repeat_count    int     not null default 0,
    add column returned_to_311 boolean not null default false;

create index service_request_queue on service_request (jurisdiction_id, department_code, closed, expected_at);
create index service_request_open_due on service_request (expected_at) where not closed;
create index service_request_type_requested on service_request (jurisdiction_id, service_code, requested_at);

create table request_audit (
    id         bigint generated always as identity primary key,
    request_id bigint      not null references service_request (id),
    at         timestamptz not null,
    actor      text        not null,
    channel    text        not null,
    action     text        not null,
    detail     text        not null
);

create index request_audit_request on request_audit (request_id, at);

create table request_follower (
    id                bigint generated always as identity primary key,
    request_id        bigint      not null references service_request (id),
    channel           text        not null check (channel in ('EMAIL', 'SMS', 'SOCIAL')),
    address           text        not null,
    language          text        not null default 'en',
    unsubscribe_token uuid        not null unique,
    since             timestamptz not null,
    unique (request_id, channel, address)
);

create table request_escalation (
    id              bigint generated always as identity primary key,
    request_id      bigint      not null references service_request (id),
    jurisdiction_id text        not null,
    kind            text        not null check (kind in ('SLA_BREACH', 'REPEAT_PROBLEM')),
    person_key      text,
    at              timestamptz not null,
    reason          text        not null
);

create index request_escalation_kind on request_escalation (jurisdiction_id, kind, at);

create table request_dispatch (
    request_id      bigint primary key references service_request (id),
    method          text        not null check (method in ('EMAIL', 'OPEN311')),
    target          text        not null,
    api_key         text,
    external_code   text,
    external_id     text,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    delivered_at    timestamptz
);

create index request_dispatch_due on request_dispatch (next_attempt_at) where delivered_at is null;


-- The same address written the same way, whatever its case and punctuation: a repeat problem's place.
alter table service_request
    add column address_key text generated always as
        (nullif(trim(lower(regexp_replace(address, '[^[:alnum:]]+', ' ', 'g'))), '')) stored;

create index service_request_address_key on service_request (jurisdiction_id, service_code, address_key);
