-- Whether a promise was made for a caller who left no way to reach them (they are to call): fixed when it is made,
-- since erasure and retention later empty the details of callers who were owed a callback.
alter table callback_promise add column caller_left_no_contact boolean not null default false;

update callback_promise p set caller_left_no_contact = true
from inquiry i
where i.id = p.inquiry_id and not i.consent and i.caller_phone is null and i.caller_email is null;
