-- A caller's earlier requests are found by their phone number's last ten digits, however it was written; the call
-- screen asks on every call, so the comparison is indexed rather than a scan of every reporter.
create index request_reporter_phone_key on request_reporter (right(regexp_replace(phone, '\D', '', 'g'), 10))
    where phone is not null;
