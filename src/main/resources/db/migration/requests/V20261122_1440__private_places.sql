-- Staff may mark one request's place private (a report about someone's home, a safety concern), beside the types
-- whose places are always private.
alter table service_request add column location_private boolean not null default false;
