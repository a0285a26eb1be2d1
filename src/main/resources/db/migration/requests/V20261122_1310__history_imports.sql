-- Imports of historical requests from open data files. A run commits its rows in batches, each with the line it
-- reached, so that an interrupted import resumes after the last committed batch; every refused row is kept.
create table import_run (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null,
    -- The file's name, size and a hash of its first megabyte: the same file is recognised when it is run again.
    file_key        text        not null,
    file_name       text        not null,
    committed_line  bigint      not null default 0,
    imported        bigint      not null default 0,
    rejected        bigint      not null default 0,
    started_at      timestamptz not null,
    finished_at     timestamptz
);

create unique index import_run_unfinished on import_run (jurisdiction_id, file_key) where finished_at is null;

create table import_rejection (
    run_id    bigint not null references import_run (id),
    line      bigint not null,
    public_id text,
    reason    text   not null,
    primary key (run_id, line)
);
