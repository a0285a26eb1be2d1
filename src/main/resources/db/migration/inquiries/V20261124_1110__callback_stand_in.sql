-- Who covers a callback promised in the name of someone away: theirs to hear of, make and record, until it is made,
-- even after the absence ends (the deadline may fall after it).
alter table callback_promise add column stand_in text;

create index callback_promise_stand_in on callback_promise (stand_in)
    where stand_in is not null and called_back_at is null and withdrawn_at is null;
