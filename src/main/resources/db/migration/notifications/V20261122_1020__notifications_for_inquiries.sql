-- Messages about callback promises belong to an inquiry, not a request.
alter table notification alter column request_id drop not null;
alter table notification add column inquiry_reference text;
