-- A request the other system refused outright (a 4xx: an unknown service code, a key it no longer takes) is not sent
-- again and again: it is marked refused, and stays in its department's queue with a note saying why.
alter table request_dispatch add column refused_at timestamptz;
drop index request_dispatch_due;
create index request_dispatch_due on request_dispatch (next_attempt_at) where delivered_at is null and refused_at is null;
