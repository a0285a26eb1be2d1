-- Administrators issue, rotate and revoke keys: who did it, the few characters that let them recognise a key
-- without storing it, its own call limit, and the key that replaced it.
alter table open311_api_key
    add column key_prefix       text,
    add column calls_per_minute integer check (calls_per_minute > 0),
    add column created_by       text,
    add column revoked_by       text,
    add column replaced_by      bigint references open311_api_key (id);
