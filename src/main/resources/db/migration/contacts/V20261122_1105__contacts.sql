-- Calls and walk-ins logged by agents, and what each led to.
create table contact (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    kind            text        not null check (kind in ('PHONE_CALL', 'WALK_IN')),
    agent           text        not null,
    reason          text,
    caller_name     text,
    caller_phone    text,
    consent         boolean     not null default false,
    started_at      timestamptz not null,
    ended_at        timestamptz,
    wrap_up         text,
    wrap_up_note    text,
    check ((ended_at is null) = (wrap_up is null)),
    check (consent or (caller_name is null and caller_phone is null))
);

create index contact_agent on contact (agent, started_at desc);
create index contact_started on contact (jurisdiction_id, started_at);

create table contact_link (
    contact_id bigint not null references contact (id),
    kind       text   not null check (kind in ('REQUEST', 'INQUIRY')),
    reference  text   not null,
    primary key (contact_id, kind, reference)
);
