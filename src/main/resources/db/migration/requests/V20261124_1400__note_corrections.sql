-- A public note staff corrected after it was published: when, and by whom. The note as first written stays in the
-- request's audit trail.
alter table request_note add column corrected_at timestamptz;
alter table request_note add column corrected_by text;
