-- A callback promise the caller no longer needs is withdrawn, not left owed: when, by whom, and why (in outcome).
-- A pending one becomes WITHDRAWN; one already broken stays BROKEN, as it was, but is no longer owed.
alter table callback_promise add column withdrawn_at timestamptz;

alter table callback_promise drop constraint callback_promise_state_check;
alter table callback_promise
    add constraint callback_promise_state_check check (state in ('PENDING', 'KEPT', 'BROKEN', 'WITHDRAWN'));
