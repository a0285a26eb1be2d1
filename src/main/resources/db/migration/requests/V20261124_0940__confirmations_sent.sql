-- How many confirmation links an unconfirmed follower was sent since its latest one's day began: links sent again
-- to the same follow count towards the handful an address may be sent a day, as links to other follows do.
alter table request_follower add column confirmations_sent integer not null default 1;
