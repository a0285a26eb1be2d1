-- A caller's earlier inquiries, found on the call screen by the last ten digits of their phone number.
create index inquiry_caller_phone_key on inquiry (jurisdiction_id, right(regexp_replace(caller_phone, '\D', '', 'g'), 10))
    where caller_phone is not null;
