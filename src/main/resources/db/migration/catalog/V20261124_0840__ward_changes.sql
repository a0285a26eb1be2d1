-- Administrators replace the wards' boundaries on screen; the change is recorded with the rest of the catalogue's.
alter table catalogue_change drop constraint catalogue_change_kind_check;
alter table catalogue_change add constraint catalogue_change_kind_check
    check (kind in ('SERVICE_TYPE', 'DEPARTMENT', 'PERSON', 'CALENDAR', 'READY_ANSWER', 'ROUTING', 'WARDS'));
