-- Questions the knowledge base could not answer: escalated to a named person with a callback promise, and followed
-- up by the agent who took them.
create sequence inquiry_number start with 5000001;

create table inquiry (
    id                bigint generated always as identity primary key,
    jurisdiction_id   text        not null references jurisdiction (id),
    reference         text        not null unique,
    question          text        not null,
    caller_name       text,
    caller_phone      text,
    caller_email      text,
    consent           boolean     not null,
    preferred_channel text        not null check (preferred_channel in ('PHONE', 'EMAIL', 'SMS')),
    department_code   text,
    owner             text        not null,
    status            text        not null check (status in ('OPEN', 'ESCALATED', 'ANSWERED', 'CLOSED')),
    resolution        text,
    satisfaction      int check (satisfaction between 1 and 5),
    created_at        timestamptz not null,
    closed_at         timestamptz,
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code)
);

create table callback_promise (
    id               bigint generated always as identity primary key,
    inquiry_id       bigint      not null references inquiry (id),
    person_key       text        not null,
    promised_by      text        not null,
    deadline         timestamptz not null,
    channel          text        not null check (channel in ('PHONE', 'EMAIL', 'SMS')),
    fallback_contact text        not null,
    created_at       timestamptz not null,
    state            text        not null default 'PENDING' check (state in ('PENDING', 'KEPT', 'BROKEN')),
    nearing_alerted  timestamptz,
    broken_alerted   timestamptz,
    called_back_at   timestamptz,
    outcome          text,
    recorded_by      text
);

create index callback_promise_person on callback_promise (person_key, state, deadline);
create index callback_promise_pending on callback_promise (deadline) where state = 'PENDING';

create table follow_up (
    id           bigint generated always as identity primary key,
    inquiry_id   bigint      not null references inquiry (id),
    owner        text        not null,
    due_at       timestamptz not null,
    done_at      timestamptz,
    reached      boolean,
    note         text
);

create index follow_up_owner on follow_up (owner, done_at, due_at);
