-- Synonyms change what every agent finds: each change is kept with who made it and when, as articles' versions are.
create table knowledge_synonym_change (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null,
    term            text        not null,
    change          text        not null,
    actor           text        not null,
    at              timestamptz not null
);
create index knowledge_synonym_change_latest on knowledge_synonym_change (jurisdiction_id, at desc);
