-- A public note left by a change of type keeps what the request became, so the tracking page can say it in the
-- reader's language rather than in the English line the record holds.
alter table request_note
    add column retyped_to  text,
    add column retyped_due timestamptz;
