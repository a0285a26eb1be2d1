-- An import resumes after the last committed record, counted in the file's order, not after a line: a minified JSON
-- archive holds every request on one line. Refusals are keyed by record for the same reason; the line stays, to
-- point a person to the place in the file.
alter table import_run rename column committed_line to committed_record;

alter table import_rejection add column record bigint;
update import_rejection set record = line;
alter table import_rejection
    alter column record set not null,
    drop constraint import_rejection_pkey,
    add primary key (run_id, record);
