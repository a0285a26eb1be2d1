-- Administrators also keep departments and the people directory from the console: the record of changes names what
-- kind of entry changed.
alter table catalogue_change rename column service_code to subject;
alter table catalogue_change add column kind text not null default 'SERVICE_TYPE'
    check (kind in ('SERVICE_TYPE', 'DEPARTMENT', 'PERSON'));
alter table catalogue_change alter column kind drop default;
