-- Whether a resident may report a type without any way to reach them (a city turns it off where staff must call back).
alter table service_type add column anonymous_allowed boolean not null default true;
