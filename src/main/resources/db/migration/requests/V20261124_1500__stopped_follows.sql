-- A follower who stopped their updates leaves no address behind; the link they used is kept with the request it
-- was for, so that the same link opened again (a double tap, a reload, a second mail client) says it is done.
create table request_follow_stopped (
    unsubscribe_token uuid        primary key,
    request_id        bigint      not null references service_request (id) on delete cascade,
    stopped_at        timestamptz not null
);
create index request_follow_stopped_request on request_follow_stopped (request_id);
