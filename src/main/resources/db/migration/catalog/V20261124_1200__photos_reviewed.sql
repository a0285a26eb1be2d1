-- A type of problem whose residents' photos stay with staff until they show them (photos that often catch faces or
-- the insides of homes), rather than being public when sent. A type whose places are homes always works so.
alter table service_type add column photos_reviewed boolean not null default false;
