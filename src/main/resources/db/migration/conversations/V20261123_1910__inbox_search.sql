-- The inbox's search box finds words anywhere in what residents and agents wrote; a trigram index lets
-- "ilike '%words%'" read the few matching messages instead of every message the city ever received.
create extension if not exists pg_trgm;
create index conversation_message_text_trigram on conversation_message using gin (text gin_trgm_ops);
