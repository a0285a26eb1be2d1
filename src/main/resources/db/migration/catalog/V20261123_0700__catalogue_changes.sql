-- Administrators keep service types, departments, the people directory and the business calendar from the console:
-- who changed which entry, when, and what changed.
create table catalogue_change (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    kind            text        not null check (kind in ('SERVICE_TYPE', 'DEPARTMENT', 'PERSON', 'CALENDAR')),
    -- The code of the type or department, the key of the person, or the day of the calendar ("week" for its hours).
    subject         text        not null,
    at              timestamptz not null,
    actor           text        not null,
    change          text        not null
);

create index catalogue_change_recent on catalogue_change (jurisdiction_id, at desc);
create index catalogue_change_of_entry on catalogue_change (jurisdiction_id, kind, subject, at desc);
