-- A type of problem only staff file (a crew's own work order, an inspector's finding): not offered to residents on
-- the portal, to Open311 clients or in triage's public suggestions; its requests stay as public as any other's.
alter table service_type add column staff_only boolean not null default false;
