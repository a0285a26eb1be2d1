-- The key of the form (or an API client's Idempotency-Key) that logged an inquiry: sent again by a second click or a
-- retry, it answers with the inquiry already logged instead of logging a second one.
alter table inquiry add column submission_key text;
create unique index inquiry_submission_key on inquiry (jurisdiction_id, submission_key) where submission_key is not null;
