-- Administrators change service types from the console: who changed which type, when, and what changed.
create table catalogue_change (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    service_code    text        not null,
    at              timestamptz not null,
    actor           text        not null,
    change          text        not null
);

create index catalogue_change_recent on catalogue_change (jurisdiction_id, at desc);
