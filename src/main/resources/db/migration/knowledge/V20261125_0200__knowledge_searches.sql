-- What agents searched the knowledge base for, and whether it found anything: the questions it does not answer yet,
-- for its editors. A burst of typing is one search, its last words; kept 90 days.
create table knowledge_search (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null,
    searcher        text        not null,
    query           text        not null,
    hits            integer     not null,
    at              timestamptz not null
);
create index knowledge_search_by_searcher on knowledge_search (searcher, at);
create index knowledge_search_found_nothing on knowledge_search (jurisdiction_id, at) where hits = 0;
