-- A type's requests newest first, as Open311 searches by service_code ask: the index gives the order itself (no sort
-- of every match in the period), and open requests, the usual public question, have a small index of their own.
create index service_request_type_newest on service_request (jurisdiction_id, service_code, requested_at desc, id desc);

create index service_request_type_open_newest on service_request (jurisdiction_id, service_code, requested_at desc, id desc)
    where not closed;

drop index service_request_type_requested;
