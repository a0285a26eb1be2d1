-- A dispatch is leased while it is sent and its outcome committed on its own, so that a crash after sending one of a
-- batch never rolls back its delivery and sends it to the other system twice.
alter table request_dispatch add column locked_until timestamptz;
