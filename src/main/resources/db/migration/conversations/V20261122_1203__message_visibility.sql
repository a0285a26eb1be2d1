-- Each Mastodon message keeps its own visibility: a reply to a direct message stays direct, even in a thread that
-- began in public.
alter table conversation_message add column visibility text;
