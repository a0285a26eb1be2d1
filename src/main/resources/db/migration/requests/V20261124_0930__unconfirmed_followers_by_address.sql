-- How many confirmation links an address was sent today and left unanswered, asked at every follow and every report
-- that gives an email: found among the few followers still waiting, not by reading them all.
create index request_follower_unconfirmed on request_follower (address, since)
    where confirm_token is not null and confirmed_at is null;
