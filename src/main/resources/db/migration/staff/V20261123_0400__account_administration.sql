-- Administrators create, change, reset and disable staff accounts from the console.
alter table staff_account
    -- A password an administrator set (and so knows) works only to choose a new one.
    add column password_must_change boolean not null default false,
    -- When an administrator last changed the account: remembered API credentials older than this are checked again.
    add column changed_at           timestamptz;

-- Who changed which account, and how; never a password.
create table staff_account_change (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    username        text        not null,
    at              timestamptz not null,
    actor           text        not null,
    change          text        not null
);

create index staff_account_change_recent on staff_account_change (jurisdiction_id, at desc);
