-- Open311 API keys, stored as digests only.
create table open311_api_key (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    key_digest      bytea       not null unique,
    label           text        not null,
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz
);
