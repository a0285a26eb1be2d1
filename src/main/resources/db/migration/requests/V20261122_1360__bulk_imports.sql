-- A bulk import sets the request table's secondary indexes aside and builds them again when it finishes (also after
-- an interruption, when the import is run again): their definitions wait here until then.
alter table import_run add column set_aside_indexes text[];
