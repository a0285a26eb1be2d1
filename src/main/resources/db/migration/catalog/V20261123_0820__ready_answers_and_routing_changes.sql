-- Administrators keep the ready answers for closing requests and the supervisors of routing areas in the console;
-- their changes are recorded with the rest of the catalogue's.
alter table catalogue_change drop constraint catalogue_change_kind_check;
alter table catalogue_change add constraint catalogue_change_kind_check
    check (kind in ('SERVICE_TYPE', 'DEPARTMENT', 'PERSON', 'CALENDAR', 'READY_ANSWER', 'ROUTING'));
