-- Whether the conversation's request was filed from it (its resident reported it), or linked to it afterwards (the
-- resident may be anyone asking about it): only an answer to the first is the request's first response.
alter table conversation add column request_filed_here boolean not null default false;
