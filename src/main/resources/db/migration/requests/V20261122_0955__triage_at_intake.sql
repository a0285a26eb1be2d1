-- What triage found at intake: the language, how abusive the description is, and the description as the public
-- sees it (abusive words masked). Staff still see the original.
alter table service_request
    add column language           text,
    add column civility           text not null default 'NONE'
        check (civility in ('NONE', 'MILD', 'OFFENSIVE', 'SEVERE')),
    add column description_public text;
