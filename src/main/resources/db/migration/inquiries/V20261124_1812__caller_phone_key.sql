-- Callers' numbers compared by phone_key, which leaves out an extension ("416-555-0101 x23").
drop index inquiry_caller_phone_key;
create index inquiry_caller_phone_key on inquiry (jurisdiction_id, phone_key(caller_phone)) where caller_phone is not null;
