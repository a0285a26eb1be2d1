-- Staff may take a photo out of public view (a face, a licence plate, the inside of a home); it stays with the
-- request for staff. Every photo attached so far stays public, as it was.
alter table request_media add column public boolean not null default true;
