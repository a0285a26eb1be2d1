-- The residents waiting for an answer nobody has taken ("Take the next", the dashboard's count): a handful among
-- years of closed conversations, found without reading those.
create index conversation_waiting on conversation (jurisdiction_id, last_message_at, id)
    where status = 'OPEN' and owner is null;
