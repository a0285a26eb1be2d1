-- Scheduled work claimed per period, so that with several instances on one database each period runs once.
create table period_claim (
    job          text        not null,
    period_start timestamptz not null,
    claimed_by   text        not null,
    claimed_at   timestamptz not null default now(),
    primary key (job, period_start)
);
