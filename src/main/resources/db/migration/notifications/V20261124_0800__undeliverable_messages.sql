-- A message the provider refuses for good (an unsubscribed number, a deleted post, a blocked account), or that has
-- failed for nearly two days, is given up on: no more attempts, and whoever sent it is told.
alter table notification add column failed_at timestamptz;

drop index notification_due;
create index notification_due on notification (next_attempt_at) where sent_at is null and failed_at is null;
