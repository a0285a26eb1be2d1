-- The knowledge base agents answer from: articles with their versions, searched by full text with ranking, typo
-- tolerance (trigrams) and the city's own synonyms.
create extension if not exists pg_trgm;

-- array_to_string is only stable (its output depends on element types' output functions); for text arrays it is
-- immutable in fact, which generated columns need.
create function knowledge_words(words text[]) returns text
    language sql immutable parallel safe
    as $$ select array_to_string(words, ' ') $$;

create table knowledge_article (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null references jurisdiction (id),
    title           text        not null,
    body            text        not null,
    department_code text,
    keywords        text[]      not null default '{}',
    audience        text        not null check (audience in ('PUBLIC', 'STAFF')),
    review_date     date,
    status          text        not null check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED')),
    version         int         not null,
    last_author     text        not null,
    updated_at      timestamptz not null,
    search          tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', knowledge_words(keywords)), 'A')
            || setweight(to_tsvector('english', coalesce(body, '')), 'B')) stored,
    search_text     text generated always as (lower(title || ' ' || knowledge_words(keywords))) stored,
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code)
);

create index knowledge_article_search on knowledge_article using gin (search);
create index knowledge_article_trigram on knowledge_article using gin (search_text gin_trgm_ops);

create table knowledge_article_version (
    article_id      bigint      not null references knowledge_article (id),
    version         int         not null,
    title           text        not null,
    body            text        not null,
    department_code text,
    keywords        text[]      not null,
    audience        text        not null,
    review_date     date,
    author          text        not null,
    at              timestamptz not null,
    primary key (article_id, version)
);

create table knowledge_synonym (
    jurisdiction_id text   not null references jurisdiction (id),
    term            text   not null,
    alternatives    text[] not null,
    primary key (jurisdiction_id, term)
);

-- A published article stays found while a new version of it is written and reviewed.
alter table knowledge_article
    add column pending_version int,
    add column pending_state   text check (pending_state in ('DRAFT', 'IN_REVIEW'));
