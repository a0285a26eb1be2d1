-- The feed of public updates reads a city's notes by when they were written, an hour or a day at a time.
create index request_note_public_time on request_note (noted_at, id) where public;
