-- The feed of public updates reads a note by when it last changed: a correction is served again, in its own hour.
drop index request_note_public_time;
create index request_note_public_time on request_note (coalesce(corrected_at, noted_at), id) where public;
