-- A client's key for one submission (a portal form's own, an Open311 client's Idempotency-Key): sent again, by a retry
-- after a time-out or a second click, it answers with the request already filed instead of filing a second one.
create table request_submission (
    jurisdiction_id text        not null references jurisdiction (id),
    submission_key  text        not null,
    request_id      bigint references service_request (id),
    at              timestamptz not null,
    primary key (jurisdiction_id, submission_key)
);
