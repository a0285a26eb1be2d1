-- Reporters' numbers compared by phone_key, which leaves out an extension ("416-555-0101 x23").
drop index request_reporter_phone_key;
create index request_reporter_phone_key on request_reporter (phone_key(phone)) where phone is not null;
