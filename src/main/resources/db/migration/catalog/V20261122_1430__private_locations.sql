-- Types whose requests are about a place where someone lives: their exact place is never public.
alter table service_type add column private_location boolean not null default false;
