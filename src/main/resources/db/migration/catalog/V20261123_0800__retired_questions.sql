-- A question is retired rather than deleted: the answers requests hold keep its wording, an Open311 client still
-- sending it is not refused, and its code is never given to another question.
alter table service_attribute add column retired boolean not null default false;
