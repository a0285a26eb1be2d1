-- A reopened request is due the type's time again from its reopening; "nearing its target" is then counted from
-- that moment too, not from when it was first reported. Null while the request has never been reopened.
alter table service_request add column target_from timestamptz;
