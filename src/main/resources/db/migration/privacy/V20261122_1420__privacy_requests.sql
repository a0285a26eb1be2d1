-- Residents' requests for their data (exports and erasures) and the retention runs: who did what and when, and how
-- many records changed. The resident is kept as a digest only: the log must not undo an erasure.
create table privacy_request (
    id              bigint generated always as identity primary key,
    jurisdiction_id text,
    kind            text        not null check (kind in ('EXPORT', 'ERASURE', 'RETENTION')),
    resident_digest bytea,
    actor           text        not null,
    at              timestamptz not null,
    records         integer     not null
);
