-- A caller the agent could not reach is tried again later: the follow-up stays open, due at the new time, and says
-- how often and with what it was tried.
alter table follow_up add column attempts integer not null default 0;
alter table follow_up add column last_attempt text;
