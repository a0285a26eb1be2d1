-- The browsers each staff member has signed in with (a digest of a random cookie, never the cookie): while someone
-- guessing from many addresses has used up an account's sign-ins, its owner still signs in from a browser they used
-- before, instead of being locked out of their own account.
create table staff_known_device (
    username   text        not null references staff_account (username) on delete cascade,
    digest     bytea       not null,
    created_at timestamptz not null,
    primary key (username, digest)
);
